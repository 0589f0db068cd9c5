package dev.conveyor.engine.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.GroupCommit;
import dev.conveyor.engine.deadletter.FailureDescription;
import dev.conveyor.engine.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the queued delivery rows after their notifications committed. Rows are claimed in a short transaction
 * ({@code FOR UPDATE SKIP LOCKED}, then a lease: several instances share the rows, and a row whose instance died is
 * taken over once its lease ends), sent outside any transaction, and their outcome recorded only while the lease is
 * still this claim's. Per row: opted out -> suppressed; non-critical during the recipient's quiet hours -> deferred to
 * their end, not counted as an attempt; else rendered and sent through the channel's providers in order (the second is
 * the failover). A failure backs off exponentially with jitter ({@code Retry-After} respected) until the attempts run
 * out; a channel that succeeded is never sent again, since every channel has its own row.
 *
 * <p>Exactly once per (notification, channel) as far as a provider can tell: a crash between a provider's answer and
 * the outcome's commit sends again after the lease, with the same idempotency key (Message-ID, idempotency token).
 */
final class NotificationDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final int BATCH = 16;
    private static final int MAX_ERROR = 500;

    private final Notifications notifications;
    private final Database database;
    /**
     * The reads and outcome updates of the deliveries under way, which run side by side: those asked for at the same
     * time share a transaction, so a batch of deliveries costs a few commits instead of two each.
     */
    private final GroupCommit deliveryTransactions;
    private final Clock clock;
    private final Map<Channel, List<ChannelProvider>> providers = new EnumMap<>(Channel.class);
    private final NotificationOptions options;
    private final Telemetry telemetry;
    private final Semaphore wakeUps = new Semaphore(0);
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private Thread loop;

    NotificationDispatcher(Notifications notifications, Database database, Clock clock, List<ChannelProvider> providers,
            NotificationOptions options, Telemetry telemetry) {
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
        this.notifications = requireNonNull(notifications, "notifications is null");
        this.database = requireNonNull(database, "database is null");
        this.deliveryTransactions = new GroupCommit(work -> database.inPlatformTransaction(entityManager -> {
            work.accept(entityManager);
            return null;
        }), "notification-deliveries");
        this.clock = requireNonNull(clock, "clock is null");
        this.options = requireNonNull(options, "options is null");
        for (ChannelProvider provider : providers) {
            this.providers.computeIfAbsent(provider.channel(), channel -> new ArrayList<>()).add(provider);
        }
    }

    synchronized void start() {
        if (loop != null) {
            return;
        }
        running = true;
        loop = Thread.ofVirtual().name("notification-dispatcher").start(this::run);
    }

    /** Looks for due rows now rather than at the next poll. */
    void wake() {
        wakeUps.release();
    }

    private void run() {
        while (running) {
            try {
                int claimed = dispatchDue();
                if (claimed == BATCH) {
                    continue;
                }
                wakeUps.tryAcquire(options.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("notification delivery failed; retrying at the next poll: {}", FailureDescription.of(e));
                try {
                    Thread.sleep(options.pollInterval().toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Claims up to a batch of due rows, delivers them in parallel, and returns how many it claimed. */
    int dispatchDue() throws InterruptedException {
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(options.lease());
        List<Claim> claims = database.inPlatformTransaction(entityManager -> Sql.query(entityManager, """
                with due as (
                    select id from notification_deliveries
                    where status in ('QUEUED', 'SENDING') and next_attempt_at <= ?
                      and (lease_until is null or lease_until <= ?)
                    order by next_attempt_at
                    limit ?
                    for update skip locked)
                update notification_deliveries d set status = 'SENDING', lease_until = ?, updated_at = ?
                from due where d.id = due.id
                returning d.id, d.tenant_id, d.notification_id, d.channel, d.attempts, d.idempotency_key""",
                row -> new Claim(row.getObject("id", UUID.class), row.getString("tenant_id"),
                        row.getObject("notification_id", UUID.class), Channel.valueOf(row.getString("channel")),
                        row.getInt("attempts"), row.getString("idempotency_key"), leaseUntil),
                now, now, BATCH, leaseUntil, now));
        List<Future<?>> sending = new ArrayList<>();
        for (Claim claim : claims) {
            sending.add(senders.submit(() -> deliverGuarded(claim)));
        }
        for (Future<?> future : sending) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("a notification delivery failed unexpectedly: {}", FailureDescription.of(e.getCause()));
            }
        }
        return claims.size();
    }

    private record Claim(UUID id, String tenantId, UUID notificationId, Channel channel, int attempts, String idempotencyKey,
            Instant leaseUntil) {
    }

    private record Loaded(String kind, String recipientId, String subjectKind, String subjectKey, boolean critical,
            Map<String, Object> data, Notifications.StoredContact contact, NotificationSettings settings,
            NotificationTemplates.Template template, boolean optedOut, String tenantName, Optional<ChannelProvider> ownProvider) {
    }

    private void deliverGuarded(Claim claim) {
        try {
            deliver(claim);
        } catch (RuntimeException e) {
            // The lease runs out and the row is claimed again: a database hiccup costs a delay, not the delivery.
            log.warn("delivery {} of tenant {}: {}; it is retried when its lease ends", claim.id(), claim.tenantId(),
                    FailureDescription.of(e));
        }
    }

    private void deliver(Claim claim) {
        Loaded loaded = load(claim);
        Instant now = clock.instant();
        if (loaded.optedOut()) {
            finish(claim, DeliveryStatus.SUPPRESSED, claim.attempts(), null, null, null, "the recipient opted out of "
                    + claim.channel().label() + " for '" + loaded.kind() + "'", null, null);
            return;
        }
        String address = claim.channel() == Channel.EMAIL ? loaded.contact().email() : loaded.contact().phone();
        if (address == null) {
            finish(claim, DeliveryStatus.SUPPRESSED, claim.attempts(), null, null, null, "the recipient gave no "
                    + (claim.channel() == Channel.EMAIL ? "e-mail address" : "phone number"), null, null);
            return;
        }
        Instant quietUntil = loaded.critical() ? null : quietHoursEnd(loaded, now);
        if (quietUntil != null) {
            defer(claim, quietUntil, "deferred by the recipient's quiet hours until " + quietUntil);
            return;
        }
        // The tenant's own provider alone when it set one (its sender, its account); else the platform's, in order.
        List<ChannelProvider> channelProviders = loaded.ownProvider().map(List::of)
                .orElseGet(() -> providers.getOrDefault(claim.channel(), List.of()));
        if (channelProviders.isEmpty()) {
            finish(claim, DeliveryStatus.FAILED, claim.attempts(), null, null, ErrorCategory.NOT_CONFIGURED,
                    null, "no " + claim.channel().label() + " provider is configured on this platform", null);
            return;
        }
        OutgoingMessage message;
        try {
            message = render(claim, loaded, address);
        } catch (IllegalArgumentException e) {
            finish(claim, DeliveryStatus.FAILED, claim.attempts() + 1, null, null, ErrorCategory.TEMPLATE, null,
                    e.getMessage(), null);
            return;
        }
        int attempts = claim.attempts() + 1;
        ProviderFailure last = null;
        List<String> errors = new ArrayList<>();
        for (ChannelProvider provider : channelProviders) {
            try {
                String providerMessageId = provider.send(message);
                finish(claim, DeliveryStatus.DELIVERED, attempts, provider.name(), providerMessageId,
                        last == null ? null : last.category(), null,
                        errors.isEmpty() ? null : String.join("; ", errors), clock.instant());
                return;
            } catch (ProviderFailure failure) {
                last = failure;
                errors.add(failure.getMessage());
                if (!failure.category().retried()) {
                    break;
                }
            } catch (RuntimeException e) {
                last = new ProviderFailure(ErrorCategory.PROVIDER_UNAVAILABLE, provider.name() + ": "
                        + e.getClass().getSimpleName());
                errors.add(last.getMessage());
                log.warn("provider {} failed on delivery {}: {}", provider.name(), claim.id(), FailureDescription.of(e));
            }
        }
        String error = String.join("; ", errors);
        if (last.category() == ErrorCategory.RECIPIENT_REJECTED) {
            finish(claim, DeliveryStatus.BOUNCED, attempts, null, null, last.category(), null, error, null);
        } else if (attempts >= options.maxAttempts()) {
            finish(claim, DeliveryStatus.FAILED, attempts, null, null, last.category(), null, error, null);
        } else {
            Duration wait = backoff(options, attempts);
            if (last.retryAfter() != null && last.retryAfter().compareTo(wait) > 0) {
                wait = last.retryAfter();
            }
            retryLater(claim, attempts, clock.instant().plus(wait), last.category(), error);
        }
    }

    private Loaded load(Claim claim) {
        return deliveryTransactions.run(entityManager -> {
            Loaded partial = Sql.query(entityManager, """
                    select kind, recipient_id, subject_kind, subject_key, critical, data::text as data,
                           recipient::text as recipient
                    from notifications where id = ? and tenant_id = ?""",
                    row -> new Loaded(row.getString("kind"), row.getString("recipient_id"), row.getString("subject_kind"),
                            row.getString("subject_key"), row.getBoolean("critical"), notifications.data(row.getString("data")),
                            notifications.json().readValue(row.getString("recipient"), Notifications.StoredContact.class),
                            null, null, false, null, Optional.empty()), claim.notificationId(), claim.tenantId()).getFirst();
            NotificationSettings settings = notifications.settings(entityManager, claim.tenantId());
            NotificationTemplates.Template template = notifications.storedTemplate(entityManager, claim.tenantId(),
                    partial.kind(), claim.channel()).orElseGet(() -> notifications.templates().defaultFor(partial.kind(),
                    claim.channel()));
            boolean optedOut = Notifications.optedOut(entityManager, claim.tenantId(), partial.recipientId(), claim.channel(),
                    partial.kind());
            String tenantName = Sql.query(entityManager, "select display_name from tenant where id = ?",
                    row -> row.getString("display_name"), claim.tenantId()).stream().findFirst().orElse(claim.tenantId());
            Optional<ChannelProvider> ownProvider = notifications.tenantProviders().of(entityManager, claim.tenantId(),
                    claim.channel());
            return new Loaded(partial.kind(), partial.recipientId(), partial.subjectKind(), partial.subjectKey(),
                    partial.critical(), partial.data(), partial.contact(), settings, template, optedOut, tenantName,
                    ownProvider);
        });
    }

    /** When the recipient's quiet hours end, if {@code now} is within them; else null. */
    private static Instant quietHoursEnd(Loaded loaded, Instant now) {
        NotificationSettings.QuietHours quiet = loaded.settings().quietHours();
        if (quiet == null) {
            return null;
        }
        ZoneId zone = zoneOf(loaded);
        ZonedDateTime local = now.atZone(zone);
        if (!quiet.contains(local.toLocalTime())) {
            return null;
        }
        ZonedDateTime end = local.with(quiet.endTime()).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }

    private static ZoneId zoneOf(Loaded loaded) {
        try {
            return loaded.contact().timeZone() != null ? ZoneId.of(loaded.contact().timeZone()) : loaded.settings().zone();
        } catch (RuntimeException e) {
            return loaded.settings().zone();
        }
    }

    private OutgoingMessage render(Claim claim, Loaded loaded, String address) {
        UnsubscribeLinks links = notifications.unsubscribeLinks();
        String unsubscribe = links == null || claim.channel() != Channel.EMAIL ? null
                : links.link(new UnsubscribeLinks.OptOut(claim.tenantId(), loaded.recipientId(), claim.channel(),
                        loaded.kind()));
        Map<String, Object> context = notifications.context(claim.tenantId(), loaded.tenantName(), loaded.settings(), loaded.contact().name(),
                loaded.kind(), loaded.subjectKind(), loaded.subjectKey(), loaded.data(), unsubscribe);
        NotificationTemplates.Rendered rendered = notifications.templates().render(loaded.template(), context);
        NotificationSettings.Branding branding = loaded.settings().branding();
        String sender = branding.senderName() != null ? branding.senderName()
                : branding.name() != null ? branding.name() : loaded.tenantName();
        return new OutgoingMessage(claim.channel(), address, loaded.contact().name(), sender, branding.replyTo(),
                rendered.subject(), rendered.html(), rendered.text().strip(), unsubscribe, claim.idempotencyKey());
    }

    /** The wait after {@code attempts} failed attempts: doubling from the first retry, capped, ±20 % jitter. */
    static Duration backoff(NotificationOptions options, int attempts) {
        long first = options.firstRetry().toMillis();
        long capped = Math.min(options.maxRetry().toMillis(), first << Math.min(attempts - 1, 20));
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (capped * jitter)));
    }

    private void defer(Claim claim, Instant until, String note) {
        telemetry.notificationDelivery(channelTag(claim), "deferred");
        deliveryTransactions.run(entityManager -> Sql.update(entityManager, """
                update notification_deliveries set status = 'QUEUED', next_attempt_at = ?, lease_until = null, note = ?,
                    updated_at = ?
                where id = ? and status = 'SENDING' and lease_until = ?""",
                until, note, clock.instant(), claim.id(), claim.leaseUntil()));
    }

    private void retryLater(Claim claim, int attempts, Instant next, ErrorCategory category, String error) {
        telemetry.notificationDelivery(channelTag(claim), "retried");
        deliveryTransactions.run(entityManager -> Sql.update(entityManager, """
                update notification_deliveries set status = 'QUEUED', attempts = ?, next_attempt_at = ?, lease_until = null,
                    note = null, last_error_category = ?, last_error = ?, updated_at = ?
                where id = ? and status = 'SENDING' and lease_until = ?""",
                attempts, next, category.code(), truncate(error), clock.instant(), claim.id(), claim.leaseUntil()));
    }

    private void finish(Claim claim, DeliveryStatus status, int attempts, String provider, String providerMessageId,
            ErrorCategory category, String note, String error, Instant deliveredAt) {
        telemetry.notificationDelivery(channelTag(claim), status.name().toLowerCase(java.util.Locale.ROOT));
        int updated = deliveryTransactions.run(entityManager -> Sql.update(entityManager, """
                update notification_deliveries set status = ?, attempts = ?, provider = ?, provider_message_id = ?,
                    last_error_category = ?, note = ?, last_error = ?, delivered_at = ?, lease_until = null, updated_at = ?
                where id = ? and status = 'SENDING' and lease_until = ?""",
                status.name(), attempts, provider, providerMessageId, category == null ? null : category.code(), note,
                truncate(error), deliveredAt, clock.instant(), claim.id(), claim.leaseUntil()));
        if (updated == 0) {
            log.warn("delivery {} of tenant {} ended {} after its lease was taken over", claim.id(), claim.tenantId(), status);
        }
    }

    private static String channelTag(Claim claim) {
        return claim.channel().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    @Override
    public synchronized void close() {
        running = false;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        senders.shutdownNow();
    }
}
