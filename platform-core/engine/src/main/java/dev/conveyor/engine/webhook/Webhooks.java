package dev.conveyor.engine.webhook;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConflictException;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.SqlValues;
import dev.conveyor.engine.egress.EgressHttpClient;
import dev.conveyor.engine.secrets.SecretCipher;
import dev.conveyor.engine.telemetry.Telemetry;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.EgressException;
import dev.conveyor.sdk.EgressException.Category;
import dev.conveyor.sdk.EventType;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenants' webhook endpoints and the delivery of their plugin's events to them. Each event gets one message per
 * subscribed endpoint in the publishing handler's own transaction (a trigger on {@code events}, V10); after commit,
 * {@link #deliverDue()} (a housekeeping loop) claims due messages with {@code for update skip locked} and a lease,
 * so instances never send one twice at once, and posts each, signed, through the egress client on a thread of its
 * own, at most {@link WebhookOptions#concurrencyPerTenant()} per tenant. Every attempt is recorded; a failed one is
 * retried on the {@link RetrySchedule}; a 410 disables its endpoint, and so does failing without a success for
 * {@link WebhookOptions#disableAfter()}.
 */
public final class Webhooks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    static final int MAX_ENDPOINTS_PER_TENANT = 50;
    /** How much of an endpoint's answer an attempt keeps. */
    static final int RESPONSE_LIMIT = 1024;
    private static final int MAX_URL_LENGTH = 2000;
    private static final int MAX_DESCRIPTION_LENGTH = 500;
    private static final Duration MAX_ROTATION_GRACE = Duration.ofDays(7);
    /** Beyond the call's own deadline, how long a claim keeps other instances off a message being delivered. */
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);
    private static final Set<String> STATUSES = Set.of("PENDING", "SUCCEEDED", "FAILED");
    private static final String ENDPOINT_COLUMNS = """
            id, url, description, array_to_string(event_types, ','), disabled_at, disabled_reason, failing_since,
            previous_secret_expires_at, created_at, updated_at""";
    private static final String MESSAGE_COLUMNS = """
            id, endpoint_id, event_id, event_type, status, attempts, next_attempt_at, last_attempt_at, created_at""";

    private final Database database;
    private final EgressHttpClient egress;
    private final SecretCipher secrets;
    private final Function<String, DomainPlugin<?>> pluginOfTenant;
    private final JsonMapper json;
    private final Clock clock;
    private final WebhookOptions options;
    private final RetrySchedule schedule;
    private final ExecutorService deliveries = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("webhook-delivery-", 0).factory());
    private final Map<String, Semaphore> tenantSlots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param pluginOfTenant the plugin of a tenant that exists (else it throws {@link NotFoundException}): its event
     *                       types are what endpoints may subscribe to
     */
    private final Telemetry telemetry;

    public Webhooks(Database database, EgressHttpClient egress, SecretCipher secrets,
            Function<String, DomainPlugin<?>> pluginOfTenant, JsonMapper json, Clock clock, WebhookOptions options,
            Telemetry telemetry) {
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
        this.database = requireNonNull(database, "database is null");
        this.egress = requireNonNull(egress, "egress is null");
        this.secrets = requireNonNull(secrets, "secrets is null");
        this.pluginOfTenant = requireNonNull(pluginOfTenant, "pluginOfTenant is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.options = requireNonNull(options, "options is null");
        this.schedule = new RetrySchedule(options, () -> ThreadLocalRandom.current().nextDouble());
    }

    public WebhookOptions options() {
        return options;
    }

    // ---- the catalogue ----------------------------------------------------------------------------------------

    /** The event types the tenant's plugin publishes: what its endpoints may subscribe to. */
    public List<EventType<?>> catalogueOf(String tenantId) {
        return pluginOfTenant.apply(tenantId).eventTypes();
    }

    // ---- endpoints --------------------------------------------------------------------------------------------

    /**
     * What a tenant gives for an endpoint.
     *
     * @param eventTypes the event types it receives; null for all of them
     * @param enabled    on update: enable or disable it; null leaves it as it is (a new endpoint is enabled)
     */
    public record EndpointSpec(String url, String description, List<String> eventTypes, Boolean enabled) {
    }

    /** An endpoint as the API shows it: never its secret. {@code eventTypes} is null when it receives all. */
    public record Endpoint(UUID id, String url, String description, List<String> eventTypes, boolean enabled,
            Instant disabledAt, String disabledReason, Instant failingSince, Instant previousSecretExpiresAt,
            Instant createdAt, Instant updatedAt) {
    }

    /** A new endpoint with its secret, shown this once. */
    public record CreatedEndpoint(Endpoint endpoint, String secret) {
    }

    /** A new secret, shown this once; the previous one also signs deliveries until {@code previousSecretExpiresAt}. */
    public record RotatedSecret(String secret, Instant previousSecretExpiresAt) {
    }

    /**
     * Creates an endpoint with a new secret.
     *
     * @throws ValidationException naming every problem of the URL, description and event types
     * @throws ConflictException   when the tenant has {@value #MAX_ENDPOINTS_PER_TENANT} endpoints already
     */
    public CreatedEndpoint create(String tenantId, EndpointSpec spec) {
        List<String> types = validate(tenantId, spec);
        String secret = WebhookSignature.generateSecret();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Endpoint endpoint = database.inTenantTransaction(tenantId, entityManager -> {
            long count = ((Number) entityManager.createNativeQuery(
                    "select count(*) from webhook_endpoints where tenant_id = ?1")
                    .setParameter(1, tenantId).getSingleResult()).longValue();
            if (count >= MAX_ENDPOINTS_PER_TENANT) {
                throw new ConflictException("tenant '" + tenantId + "' has " + count + " webhook endpoints, the most it"
                        + " may have; delete one it no longer uses first");
            }
            entityManager.createNativeQuery("""
                    insert into webhook_endpoints (tenant_id, id, url, description, event_types, secret, disabled_at,
                                                   disabled_reason, created_at, updated_at)
                    values (?1, ?2, ?3, ?4, string_to_array(?5, ','), ?6, ?7, ?8, ?9, ?9)""")
                    .setParameter(1, tenantId)
                    .setParameter(2, id)
                    .setParameter(3, spec.url().strip())
                    .setParameter(4, description(spec))
                    .setParameter(5, types == null ? null : String.join(",", types))
                    .setParameter(6, secrets.encrypt(secret, secretContext(id)))
                    .setParameter(7, Boolean.FALSE.equals(spec.enabled()) ? Timestamp.from(now) : null)
                    .setParameter(8, Boolean.FALSE.equals(spec.enabled()) ? "created disabled" : null)
                    .setParameter(9, Timestamp.from(now))
                    .executeUpdate();
            return find(entityManager, tenantId, id);
        });
        log.info("tenant '{}': webhook endpoint {} created", tenantId, id);
        return new CreatedEndpoint(endpoint, secret);
    }

    public List<Endpoint> list(String tenantId) {
        pluginOfTenant.apply(tenantId);
        return database.inTenantTransaction(tenantId, entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("select " + ENDPOINT_COLUMNS
                    + " from webhook_endpoints where tenant_id = ?1 order by created_at, id")
                    .setParameter(1, tenantId).getResultList();
            return rows.stream().map(Webhooks::endpoint).toList();
        });
    }

    /** @throws NotFoundException when the tenant has no such endpoint */
    public Endpoint get(String tenantId, UUID endpointId) {
        return database.inTenantTransaction(tenantId, entityManager -> find(entityManager, tenantId, endpointId));
    }

    /**
     * Replaces the endpoint's URL, description and event types, and enables or disables it. Enabling it again
     * forgets its failures: its pending messages are delivered, and the failed ones can be recovered.
     */
    public Endpoint update(String tenantId, UUID endpointId, EndpointSpec spec) {
        List<String> types = validate(tenantId, spec);
        Instant now = clock.instant();
        return database.inTenantTransaction(tenantId, entityManager -> {
            Endpoint current = find(entityManager, tenantId, endpointId);
            boolean enabled = spec.enabled() == null ? current.enabled() : spec.enabled();
            boolean changes = enabled != current.enabled();
            entityManager.createNativeQuery("""
                    update webhook_endpoints set url = ?3, description = ?4, event_types = string_to_array(?5, ','),
                        updated_at = ?6, disabled_at = ?7, disabled_reason = ?8,
                        failing_since = case when ?9 then null else failing_since end
                    where tenant_id = ?1 and id = ?2""")
                    .setParameter(1, tenantId)
                    .setParameter(2, endpointId)
                    .setParameter(3, spec.url().strip())
                    .setParameter(4, description(spec))
                    .setParameter(5, types == null ? null : String.join(",", types))
                    .setParameter(6, Timestamp.from(now))
                    .setParameter(7, enabled ? null : Timestamp.from(changes ? now : current.disabledAt()))
                    .setParameter(8, enabled ? null : changes ? "disabled through the API" : current.disabledReason())
                    .setParameter(9, enabled && changes)
                    .executeUpdate();
            return find(entityManager, tenantId, endpointId);
        });
    }

    /** Deletes the endpoint with its messages and their attempts. */
    public void delete(String tenantId, UUID endpointId) {
        int deleted = database.inTenantTransaction(tenantId, entityManager -> entityManager.createNativeQuery(
                "delete from webhook_endpoints where tenant_id = ?1 and id = ?2")
                .setParameter(1, tenantId).setParameter(2, endpointId).executeUpdate());
        if (deleted == 0) {
            throw noEndpoint(tenantId, endpointId);
        }
    }

    /**
     * Gives the endpoint a new secret; the current one keeps signing too (each delivery carries both signatures)
     * for {@code grace}, the options' default when empty, so the receiver can switch without losing a delivery.
     */
    public RotatedSecret rotateSecret(String tenantId, UUID endpointId, Optional<Duration> grace) {
        Duration kept = grace.orElse(options.rotationGrace());
        if (kept.isNegative() || kept.compareTo(MAX_ROTATION_GRACE) > 0) {
            throw new ValidationException("secret rotation", List.of(new Violation("gracePeriod",
                    "must be from PT0S to " + MAX_ROTATION_GRACE + ", was " + kept)));
        }
        String secret = WebhookSignature.generateSecret();
        Instant expires = clock.instant().plus(kept);
        database.inTenantTransaction(tenantId, entityManager -> {
            find(entityManager, tenantId, endpointId);
            String current = (String) entityManager.createNativeQuery(
                    "select secret from webhook_endpoints where tenant_id = ?1 and id = ?2 for update")
                    .setParameter(1, tenantId).setParameter(2, endpointId).getSingleResult();
            return entityManager.createNativeQuery("""
                    update webhook_endpoints set secret = ?3, previous_secret = ?4, previous_secret_expires_at = ?5,
                        updated_at = ?6
                    where tenant_id = ?1 and id = ?2""")
                    .setParameter(1, tenantId)
                    .setParameter(2, endpointId)
                    .setParameter(3, secrets.encrypt(secret, secretContext(endpointId)))
                    .setParameter(4, current)
                    .setParameter(5, Timestamp.from(expires))
                    .setParameter(6, Timestamp.from(clock.instant()))
                    .executeUpdate();
        });
        log.info("tenant '{}': webhook endpoint {} has a new secret; the previous one signs until {}", tenantId,
                endpointId, expires);
        return new RotatedSecret(secret, expires);
    }

    /**
     * Writes every endpoint secret encrypted with a secrets key other than the newest again with the newest (at start,
     * as tenants' secrets are), so that an old key can be retired; returns how many endpoints it rewrote.
     */
    public int reencryptSecrets() {
        return database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(
                    "select id, secret, previous_secret from webhook_endpoints for update").getResultList();
            int rewritten = 0;
            for (Object[] row : rows) {
                UUID id = (UUID) row[0];
                String secret = (String) row[1];
                String previous = (String) row[2];
                if (!secrets.needsReencryption(secret) && !secrets.needsReencryption(previous)) {
                    continue;
                }
                try {
                    entityManager.createNativeQuery(
                            "update webhook_endpoints set secret = ?2, previous_secret = ?3 where id = ?1")
                            .setParameter(1, id)
                            .setParameter(2, reencrypt(secret, id))
                            .setParameter(3, previous == null ? null : reencrypt(previous, id))
                            .executeUpdate();
                    rewritten++;
                } catch (IllegalStateException e) {
                    log.error("could not re-encrypt the secret of webhook endpoint {}: {}", id, e.getMessage());
                }
            }
            return rewritten;
        });
    }

    private String reencrypt(String stored, UUID endpointId) {
        return secrets.encrypt(secrets.decrypt(stored, secretContext(endpointId)), secretContext(endpointId));
    }

    /** @return the event types to store: null for all of them */
    private List<String> validate(String tenantId, EndpointSpec spec) {
        DomainPlugin<?> plugin = pluginOfTenant.apply(tenantId);
        List<Violation> problems = new ArrayList<>();
        if (spec.url() == null || spec.url().isBlank()) {
            problems.add(new Violation("url", "is required: the https URL deliveries are posted to"));
        } else {
            checkUrl(spec.url().strip()).ifPresent(problem -> problems.add(new Violation("url", problem)));
        }
        if (spec.description() != null && spec.description().length() > MAX_DESCRIPTION_LENGTH) {
            problems.add(new Violation("description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters"));
        }
        List<String> types = spec.eventTypes();
        if (types != null) {
            List<String> known = plugin.eventTypes().stream().map(EventType::name).toList();
            if (types.isEmpty()) {
                problems.add(new Violation("eventTypes", "is empty; list the types to receive, or leave it out to receive"
                        + " all (" + describe(known, plugin) + ")"));
            }
            for (int i = 0; i < types.size(); i++) {
                if (!known.contains(types.get(i))) {
                    problems.add(new Violation("eventTypes[" + i + "]", "'" + types.get(i) + "' is not an event type of"
                            + " plugin '" + plugin.id() + "' (" + describe(known, plugin) + ")"));
                }
            }
            types = types.stream().distinct().toList();
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("webhook endpoint", problems);
        }
        return types;
    }

    private static String describe(List<String> known, DomainPlugin<?> plugin) {
        return known.isEmpty() ? "it publishes none" : "known: " + String.join(", ", known);
    }

    /**
     * The problem with {@code url} as an endpoint, if any: an absolute http(s) URL without user info, whose host
     * resolves to addresses the egress policy lets the platform call (checked again at every delivery).
     */
    private Optional<String> checkUrl(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must be an https (or http) URL, such as https://example.com/webhooks");
        }
        if (uri.getHost() == null) {
            return Optional.of("has no host; give one such as https://example.com/webhooks");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials; the receiver authenticates deliveries by their signature");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return egress.policy().problemCalling(uri.getHost(), port, "webhook endpoints");
    }

    private static String description(EndpointSpec spec) {
        return spec.description() == null ? "" : spec.description();
    }

    private static String secretContext(UUID endpointId) {
        return "webhook endpoint " + endpointId + " secret";
    }

    private static Endpoint find(EntityManager entityManager, String tenantId, UUID endpointId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + ENDPOINT_COLUMNS
                + " from webhook_endpoints where tenant_id = ?1 and id = ?2")
                .setParameter(1, tenantId).setParameter(2, endpointId).getResultList();
        if (rows.isEmpty()) {
            throw noEndpoint(tenantId, endpointId);
        }
        return endpoint(rows.getFirst());
    }

    private static NotFoundException noEndpoint(String tenantId, UUID endpointId) {
        return new NotFoundException("tenant '" + tenantId + "' has no webhook endpoint '" + endpointId
                + "' (list them: GET /api/v1/tenants/" + tenantId + "/webhooks/endpoints)");
    }

    private static Endpoint endpoint(Object[] row) {
        String types = (String) row[3];
        return new Endpoint((UUID) row[0], (String) row[1], (String) row[2],
                types == null ? null : List.of(types.split(",")), row[4] == null, SqlValues.instant(row[4]),
                (String) row[5], SqlValues.instant(row[6]), SqlValues.instant(row[7]), SqlValues.instant(row[8]),
                SqlValues.instant(row[9]));
    }

    // ---- health -------------------------------------------------------------------------------------------------

    /**
     * How an endpoint is doing, as an operator judges it: whether it is enabled (and why not), when it last took a
     * message, since when it has been failing (null when its last attempt succeeded), its failed attempts in the
     * last day, the messages still waiting for it, and its last failed attempt.
     */
    public record EndpointHealth(Endpoint endpoint, Instant lastSuccessAt, long failedAttemptsLastDay,
            long pendingMessages, Attempt lastFailure) {

        /** Whether it answers well: enabled, and not failing. */
        public boolean healthy() {
            return endpoint.enabled() && endpoint.failingSince() == null;
        }
    }

    /** The health of each of the tenant's endpoints, oldest endpoint first. */
    public List<EndpointHealth> health(String tenantId) {
        List<Endpoint> endpoints = list(tenantId);
        Instant dayAgo = clock.instant().minus(Duration.ofDays(1));
        return database.inTenantTransaction(tenantId, entityManager -> endpoints.stream().map(endpoint -> {
            Object[] counts = (Object[]) entityManager.createNativeQuery("""
                    select (select max(last_attempt_at) from webhook_messages
                             where tenant_id = ?1 and endpoint_id = ?2 and status = 'SUCCEEDED'),
                           (select count(*) from webhook_messages
                             where tenant_id = ?1 and endpoint_id = ?2 and status = 'PENDING'),
                           (select count(*) from webhook_attempts a join webhook_messages m on m.id = a.message_id
                             where m.tenant_id = ?1 and m.endpoint_id = ?2 and a.attempted_at >= ?3
                               and (a.status_code is null or a.status_code not between 200 and 299))""")
                    .setParameter(1, tenantId)
                    .setParameter(2, endpoint.id())
                    .setParameter(3, Timestamp.from(dayAgo))
                    .getSingleResult();
            @SuppressWarnings("unchecked")
            List<Object[]> failures = entityManager.createNativeQuery("""
                    select a.id, a.message_id, a.attempted_at, a.status_code, a.duration_ms, a.response, a.error
                    from webhook_attempts a join webhook_messages m on m.id = a.message_id
                    where m.tenant_id = ?1 and m.endpoint_id = ?2
                      and (a.status_code is null or a.status_code not between 200 and 299)
                    order by a.attempted_at desc, a.id desc limit 1""")
                    .setParameter(1, tenantId)
                    .setParameter(2, endpoint.id())
                    .getResultList();
            return new EndpointHealth(endpoint, SqlValues.instant(counts[0]), ((Number) counts[2]).longValue(),
                    ((Number) counts[1]).longValue(), failures.stream().map(Webhooks::attempt).findFirst().orElse(null));
        }).toList());
    }

    // ---- messages and attempts --------------------------------------------------------------------------------

    /** One event for one endpoint; {@code id} is its {@code webhook-id}, the same in every attempt. */
    public record Message(UUID id, UUID endpointId, UUID eventId, String eventType, String status, int attempts,
            Instant nextAttemptAt, Instant lastAttemptAt, Instant createdAt) {
    }

    /**
     * One delivery attempt: the status the endpoint answered (null when it did not), how long it took, the start of
     * its answer, or why there was none.
     */
    public record Attempt(long id, UUID messageId, Instant attemptedAt, Integer statusCode, int durationMillis,
            String response, String error) {
    }

    /** The endpoint's messages, newest first, of one status ({@code PENDING}, {@code SUCCEEDED}, {@code FAILED}) or all. */
    public List<Message> messages(String tenantId, UUID endpointId, Optional<String> status, int limit) {
        if (status.isPresent() && !STATUSES.contains(status.get())) {
            throw new ValidationException("filter", List.of(new Violation("status", "must be one of PENDING, SUCCEEDED,"
                    + " FAILED, was '" + status.get() + "'")));
        }
        return database.inTenantTransaction(tenantId, entityManager -> {
            find(entityManager, tenantId, endpointId);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("select " + MESSAGE_COLUMNS + """
                     from webhook_messages
                    where tenant_id = ?1 and endpoint_id = ?2 and (cast(?3 as text) is null or status = ?3)
                    order by created_at desc, id limit ?4""")
                    .setParameter(1, tenantId)
                    .setParameter(2, endpointId)
                    .setParameter(3, status.orElse(null))
                    .setParameter(4, limit)
                    .getResultList();
            return rows.stream().map(Webhooks::message).toList();
        });
    }

    /** Every attempt of one message, oldest first. */
    public List<Attempt> attempts(String tenantId, UUID endpointId, UUID messageId) {
        return database.inTenantTransaction(tenantId, entityManager -> {
            findMessage(entityManager, tenantId, endpointId, messageId);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    select id, message_id, attempted_at, status_code, duration_ms, response, error from webhook_attempts
                    where tenant_id = ?1 and message_id = ?2 order by id""")
                    .setParameter(1, tenantId)
                    .setParameter(2, messageId)
                    .getResultList();
            return rows.stream().map(Webhooks::attempt).toList();
        });
    }

    private static Attempt attempt(Object[] row) {
        return new Attempt(((Number) row[0]).longValue(), (UUID) row[1], SqlValues.instant(row[2]),
                row[3] == null ? null : ((Number) row[3]).intValue(), ((Number) row[4]).intValue(), (String) row[5],
                (String) row[6]);
    }

    /**
     * Delivers the message again, at once, with a fresh schedule (whatever its status), under the same
     * {@code webhook-id}, so a receiver that has it already can tell.
     *
     * @throws ConflictException when the endpoint is disabled
     */
    public Message replay(String tenantId, UUID endpointId, UUID messageId) {
        return database.inTenantTransaction(tenantId, entityManager -> {
            requireEnabled(find(entityManager, tenantId, endpointId), tenantId);
            findMessage(entityManager, tenantId, endpointId, messageId);
            entityManager.createNativeQuery("""
                    update webhook_messages set status = 'PENDING', attempts = 0, next_attempt_at = ?3
                    where tenant_id = ?1 and id = ?2""")
                    .setParameter(1, tenantId)
                    .setParameter(2, messageId)
                    .setParameter(3, Timestamp.from(clock.instant()))
                    .executeUpdate();
            return findMessage(entityManager, tenantId, endpointId, messageId);
        });
    }

    /**
     * Delivers again every message of the endpoint that failed and was created at {@code since} or later, with a
     * fresh schedule; returns how many.
     *
     * @throws ConflictException when the endpoint is disabled
     */
    public int recover(String tenantId, UUID endpointId, Instant since) {
        requireNonNull(since, "since is null");
        return database.inTenantTransaction(tenantId, entityManager -> {
            requireEnabled(find(entityManager, tenantId, endpointId), tenantId);
            return entityManager.createNativeQuery("""
                    update webhook_messages set status = 'PENDING', attempts = 0, next_attempt_at = ?4
                    where tenant_id = ?1 and endpoint_id = ?2 and status = 'FAILED' and created_at >= ?3""")
                    .setParameter(1, tenantId)
                    .setParameter(2, endpointId)
                    .setParameter(3, Timestamp.from(since))
                    .setParameter(4, Timestamp.from(clock.instant()))
                    .executeUpdate();
        });
    }

    private static void requireEnabled(Endpoint endpoint, String tenantId) {
        if (!endpoint.enabled()) {
            throw new ConflictException("webhook endpoint '" + endpoint.id() + "' of tenant '" + tenantId
                    + "' is disabled (" + endpoint.disabledReason() + "); enable it first (PUT it with \"enabled\": true)");
        }
    }

    private static Message findMessage(EntityManager entityManager, String tenantId, UUID endpointId, UUID messageId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + MESSAGE_COLUMNS
                + " from webhook_messages where tenant_id = ?1 and endpoint_id = ?2 and id = ?3")
                .setParameter(1, tenantId).setParameter(2, endpointId).setParameter(3, messageId).getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("webhook endpoint '" + endpointId + "' of tenant '" + tenantId
                    + "' has no message '" + messageId + "'");
        }
        return message(rows.getFirst());
    }

    private static Message message(Object[] row) {
        return new Message((UUID) row[0], (UUID) row[1], (UUID) row[2], (String) row[3], (String) row[4],
                ((Number) row[5]).intValue(), SqlValues.instant(row[6]), SqlValues.instant(row[7]),
                SqlValues.instant(row[8]));
    }

    /**
     * Deletes the messages (with their attempts) created longer than {@code retention} ago that ended, and those
     * whose event the retention purge already removed (nothing could deliver them any more); returns how many.
     */
    public int purge(Duration retention) {
        Instant before = clock.instant().minus(retention);
        return database.inPlatformTransaction(entityManager -> entityManager.createNativeQuery("""
                delete from webhook_messages m
                where m.created_at < ?1
                  and (m.status <> 'PENDING' or not exists (select 1 from events e where e.event_id = m.event_id))""")
                .setParameter(1, Timestamp.from(before))
                .executeUpdate());
    }

    // ---- delivery ---------------------------------------------------------------------------------------------

    /**
     * Starts the delivery of due messages, as many per tenant as it has free slots; returns how many it started.
     * Called by a housekeeping loop every {@link WebhookOptions#pollInterval()}.
     */
    public int deliverDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<String> tenants = database.inPlatformTransaction(entityManager -> entityManager.createNativeQuery("""
                select distinct m.tenant_id from webhook_messages m
                join webhook_endpoints e on e.id = m.endpoint_id
                join tenant t on t.id = m.tenant_id
                where m.status = 'PENDING' and m.next_attempt_at <= ?1 and e.disabled_at is null
                  and t.status <> 'DELETED'""")
                .setParameter(1, Timestamp.from(now))
                .getResultList());
        int started = 0;
        for (String tenantId : tenants) {
            Semaphore slots = tenantSlots.computeIfAbsent(tenantId, id -> new Semaphore(options.concurrencyPerTenant()));
            int free = slots.availablePermits();
            if (free == 0) {
                continue;
            }
            for (Delivery delivery : claim(tenantId, now, free)) {
                if (!slots.tryAcquire()) {
                    break; // its claim runs out and it is delivered later
                }
                started++;
                try {
                    deliveries.execute(() -> {
                        try {
                            deliver(delivery);
                        } catch (RuntimeException e) {
                            log.warn("webhook message {} of tenant '{}': delivery could not be recorded; it is tried"
                                    + " again when its claim runs out: {}", delivery.messageId(), tenantId, e.toString());
                        } finally {
                            slots.release();
                        }
                    });
                } catch (RuntimeException e) {
                    slots.release(); // shutting down
                    throw e;
                }
            }
        }
        return started;
    }

    /** A claimed message with what its delivery needs. */
    private record Delivery(UUID messageId, String tenantId, UUID endpointId, int attempts, String url,
            List<String> secrets, String eventType, Instant occurredAt, String data) {
    }

    private List<Delivery> claim(String tenantId, Instant now, int limit) {
        Instant claimedUntil = now.plus(options.requestTimeout()).plus(CLAIM_MARGIN);
        return database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<UUID> ids = entityManager.createNativeQuery("""
                    with due as (
                        select m.id from webhook_messages m join webhook_endpoints e on e.id = m.endpoint_id
                        where m.tenant_id = ?1 and m.status = 'PENDING' and m.next_attempt_at <= ?2
                          and e.disabled_at is null
                        order by m.next_attempt_at
                        limit ?3
                        for update of m skip locked)
                    update webhook_messages set next_attempt_at = ?4 from due where webhook_messages.id = due.id
                    returning webhook_messages.id""")
                    .setParameter(1, tenantId)
                    .setParameter(2, Timestamp.from(now))
                    .setParameter(3, limit)
                    .setParameter(4, Timestamp.from(claimedUntil))
                    .getResultList();
            if (ids.isEmpty()) {
                return List.of();
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    select m.id, m.endpoint_id, m.attempts, e.url, e.secret, e.previous_secret,
                           e.previous_secret_expires_at, ev.type, ev.occurred_at, cast(ev.data as text)
                    from webhook_messages m
                    join webhook_endpoints e on e.id = m.endpoint_id
                    join events ev on ev.event_id = m.event_id
                    where m.id in (?1)""")
                    .setParameter(1, ids)
                    .getResultList();
            List<Delivery> claimed = new ArrayList<>();
            for (Object[] row : rows) {
                UUID endpointId = (UUID) row[1];
                List<String> signing = new ArrayList<>();
                signing.add(secrets.decrypt((String) row[4], secretContext(endpointId)));
                Instant previousExpires = SqlValues.instant(row[6]);
                if (row[5] != null && previousExpires != null && previousExpires.isAfter(now)) {
                    signing.add(secrets.decrypt((String) row[5], secretContext(endpointId)));
                }
                claimed.add(new Delivery((UUID) row[0], tenantId, endpointId, ((Number) row[2]).intValue(),
                        (String) row[3], List.copyOf(signing), (String) row[7], SqlValues.instant(row[8]),
                        (String) row[9]));
            }
            if (claimed.size() < ids.size()) {
                // Their events are gone (a tenant's data erased under them): nothing is left to deliver.
                List<UUID> orphans = new ArrayList<>(ids);
                claimed.forEach(delivery -> orphans.remove(delivery.messageId()));
                entityManager.createNativeQuery("update webhook_messages set status = 'FAILED', next_attempt_at = null"
                        + " where id in (?1)").setParameter(1, orphans).executeUpdate();
            }
            return claimed;
        });
    }

    /** What came of one attempt. */
    private record Outcome(Integer status, String response, String error, boolean throttled,
            Optional<Duration> retryAfter) {

        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private void deliver(Delivery delivery) {
        byte[] body = body(delivery);
        String messageId = delivery.messageId().toString();
        long timestamp = clock.instant().getEpochSecond();
        List<String> signatures = delivery.secrets().stream()
                .map(secret -> WebhookSignature.sign(secret, messageId, timestamp, body)).toList();
        Map<String, String> headers = Map.of(
                "Content-Type", "application/json",
                "webhook-id", messageId,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", String.join(" ", signatures));
        long started = System.nanoTime();
        Outcome outcome;
        try {
            EgressHttpClient.Answer answer = egress.exchange(URI.create(delivery.url()), headers, body,
                    options.requestTimeout());
            outcome = new Outcome(answer.status(), truncate(answer.body()), null, answer.status() == 429,
                    retryAfter(answer.headers().get("retry-after")));
        } catch (EgressException e) {
            outcome = new Outcome(null, null, e.getMessage(),
                    e.category() == Category.TIMED_OUT, Optional.empty());
        }
        int millis = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
        if (closed && !outcome.succeeded()) {
            return; // cut short by the shutdown, not the endpoint's failure: tried again once its claim runs out
        }
        Outcome result = outcome;
        database.inPlatformTransaction(entityManager -> {
            record(entityManager, delivery, result, millis);
            return null;
        });
    }

    /** The body every attempt of a message posts: the event's type, time and data. */
    private byte[] body(Delivery delivery) {
        var node = json.createObjectNode();
        node.put("type", delivery.eventType());
        node.put("timestamp", delivery.occurredAt().toString());
        node.set("data", json.readTree(delivery.data()));
        return json.writeValueAsBytes(node);
    }

    private void record(EntityManager entityManager, Delivery delivery, Outcome outcome, int millis) {
        Instant now = clock.instant();
        entityManager.createNativeQuery("""
                insert into webhook_attempts (tenant_id, message_id, attempted_at, status_code, duration_ms, response, error)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, delivery.tenantId())
                .setParameter(2, delivery.messageId())
                .setParameter(3, Timestamp.from(now))
                .setParameter(4, outcome.status())
                .setParameter(5, millis)
                .setParameter(6, outcome.response())
                .setParameter(7, outcome.error())
                .executeUpdate();
        int attempts = delivery.attempts() + 1;
        if (outcome.succeeded()) {
            telemetry.webhookDelivery("delivered");
            updateMessage(entityManager, delivery, "SUCCEEDED", attempts, null, now);
            entityManager.createNativeQuery("update webhook_endpoints set failing_since = null where id = ?1")
                    .setParameter(1, delivery.endpointId()).executeUpdate();
            return;
        }
        if (outcome.status() != null && outcome.status() == 410) {
            telemetry.webhookDelivery("gone");
            updateMessage(entityManager, delivery, "FAILED", attempts, null, now);
            disable(entityManager, delivery, now, "the endpoint answered 410 Gone at " + now + ", asking for no more"
                    + " deliveries; enable it again to resume");
            return;
        }
        Optional<Duration> delay = schedule.delayAfter(attempts, outcome.throttled(), outcome.retryAfter());
        telemetry.webhookDelivery(delay.isPresent() ? "retried" : "failed");
        updateMessage(entityManager, delivery, delay.isPresent() ? "PENDING" : "FAILED", attempts,
                delay.map(now::plus).orElse(null), now);
        Object since = entityManager.createNativeQuery("""
                update webhook_endpoints set failing_since = coalesce(failing_since, ?2) where id = ?1
                returning failing_since""")
                .setParameter(1, delivery.endpointId())
                .setParameter(2, Timestamp.from(now))
                .getSingleResult();
        Instant failingSince = SqlValues.instant(since);
        if (!failingSince.plus(options.disableAfter()).isAfter(now)) {
            disable(entityManager, delivery, now, "every delivery failed since " + failingSince + " (for longer than "
                    + readable(options.disableAfter()) + "); fix the endpoint, enable it again and recover what failed since then");
        }
        log.debug("webhook message {} of tenant '{}': attempt {} failed ({}); {}", delivery.messageId(),
                delivery.tenantId(), attempts, outcome.status() != null ? "HTTP " + outcome.status() : outcome.error(),
                delay.map(d -> "next in " + d).orElse("no attempts left"));
    }

    private static void updateMessage(EntityManager entityManager, Delivery delivery, String status, int attempts,
            Instant next, Instant now) {
        entityManager.createNativeQuery("""
                update webhook_messages set status = ?2, attempts = ?3, next_attempt_at = ?4, last_attempt_at = ?5
                where id = ?1""")
                .setParameter(1, delivery.messageId())
                .setParameter(2, status)
                .setParameter(3, attempts)
                .setParameter(4, next == null ? null : Timestamp.from(next))
                .setParameter(5, Timestamp.from(now))
                .executeUpdate();
    }

    private static void disable(EntityManager entityManager, Delivery delivery, Instant now, String reason) {
        int disabled = entityManager.createNativeQuery("""
                update webhook_endpoints set disabled_at = ?2, disabled_reason = ?3, updated_at = ?2
                where id = ?1 and disabled_at is null""")
                .setParameter(1, delivery.endpointId())
                .setParameter(2, Timestamp.from(now))
                .setParameter(3, reason)
                .executeUpdate();
        if (disabled > 0) {
            log.warn("tenant '{}': webhook endpoint {} disabled: {}", delivery.tenantId(), delivery.endpointId(), reason);
        }
    }

    private static String readable(Duration duration) {
        return duration.toHours() >= 24 && duration.toHours() % 24 == 0 && duration.toSecondsPart() == 0
                && duration.toMinutesPart() == 0 ? duration.toDays() + " days" : duration.toString();
    }

    /** The start of an answer, as text Postgres can keep. */
    static String truncate(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        byte[] kept = body.length > RESPONSE_LIMIT ? Arrays.copyOf(body, RESPONSE_LIMIT) : body;
        return new String(kept, StandardCharsets.UTF_8).replace("\u0000", "");
    }

    /** A {@code Retry-After} in seconds or as an HTTP date; empty when absent, malformed or past. */
    Optional<Duration> retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        try {
            if (trimmed.chars().allMatch(Character::isDigit)) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
            }
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return wait.isNegative() ? Optional.empty() : Optional.of(wait);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stops delivering; an attempt under way is abandoned and its message delivered again once its claim runs out. */
    @Override
    public void close() {
        closed = true;
        deliveries.shutdownNow();
    }
}
