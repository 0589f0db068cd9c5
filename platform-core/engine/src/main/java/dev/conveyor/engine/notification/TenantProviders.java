package dev.conveyor.engine.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.egress.EgressHttpClient;
import dev.conveyor.engine.secrets.SecretCipher;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's own providers: its SMTP server for e-mail, its account at an SMS provider speaking Twilio's Messages API.
 * When a tenant sets one for a channel, that channel's deliveries go through it alone (never silently through the
 * platform's, whose sender the tenant did not choose); without one, through the platform's. The password or token
 * is encrypted at rest and never shown again. Hosts must be ones the egress policy lets the platform reach, checked
 * when saved and again at every send: a tenant cannot point the platform at its internal network.
 */
public final class TenantProviders {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SENDER = Pattern.compile("\\+[1-9][0-9]{6,14}|MG[0-9a-fA-F]{32}|[A-Za-z0-9 ]{1,11}");
    private static final int MAX_TEXT = 254;

    /**
     * The tenant's SMTP server.
     *
     * @param password kept as stored when left out of an update (so the host can change without re-typing it)
     * @param security {@code starttls} (the default) or {@code tls}; {@code none} only for a relay the operator
     *                 allow-listed in the egress policy
     */
    public record EmailProvider(String host, Integer port, String username, String password, String security, String from) {
        @Override
        public String toString() {
            return "EmailProvider[" + host + ":" + port + "]";
        }
    }

    /**
     * The tenant's account at an SMS provider speaking Twilio's Messages API.
     *
     * @param authToken kept as stored when left out of an update
     */
    public record SmsProvider(String baseUrl, String accountSid, String authToken, String from) {
        @Override
        public String toString() {
            return "SmsProvider[" + baseUrl + ", " + accountSid + "]";
        }
    }

    /** A provider as the API shows it: its settings without the secret, and whether one is stored. */
    public record ProviderView(Channel channel, Map<String, Object> settings, boolean secretSet, Instant updatedAt) {
    }

    private record Stored(Map<String, Object> settings, String secret, Instant updatedAt) {
    }

    private record Built(Instant updatedAt, ChannelProvider provider) {
    }

    private final Database database;
    private final JsonMapper json;
    private final Clock clock;
    private final EgressHttpClient egress;
    private final SecretCipher secrets;
    private static final Logger log = LoggerFactory.getLogger(TenantProviders.class);

    private final Map<String, Built> built = new ConcurrentHashMap<>();

    TenantProviders(Database database, JsonMapper json, Clock clock, EgressHttpClient egress, SecretCipher secrets) {
        this.database = requireNonNull(database, "database is null");
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.egress = requireNonNull(egress, "egress is null");
        this.secrets = requireNonNull(secrets, "secrets is null");
    }

    /** The tenant's providers, one per channel it set. */
    public List<ProviderView> list(String tenantId) {
        return database.inTenantTransaction(tenantId, entityManager -> Sql.query(entityManager, """
                        select channel, settings, secret is not null as secret_set, updated_at from notification_providers
                        where tenant_id = ? order by channel""",
                row -> new ProviderView(Channel.valueOf(row.getString("channel")), json.readValue(row.getString("settings"), MAP),
                        row.getBoolean("secret_set"), Sql.instant(row, "updated_at")), tenantId));
    }

    /** @throws NotFoundException when the tenant set no provider for {@code channel} */
    public ProviderView get(String tenantId, Channel channel) {
        return list(tenantId).stream().filter(view -> view.channel() == channel).findFirst()
                .orElseThrow(() -> new NotFoundException("tenant '" + tenantId + "' has no " + channel.label()
                        + " provider of its own; its " + channel.label() + " goes through the platform's"));
    }

    /** Sets the tenant's SMTP server. @throws ValidationException naming every broken rule */
    public ProviderView setEmail(String tenantId, EmailProvider spec) {
        requireNonNull(spec, "spec is null");
        Optional<Stored> current = database.inTenantTransaction(tenantId, entityManager -> stored(entityManager, tenantId,
                Channel.EMAIL));
        List<Violation> problems = new ArrayList<>();
        String host = text(problems, "host", spec.host(), true);
        int port = spec.port() == null ? 587 : spec.port();
        if (port < 1 || port > 65535) {
            problems.add(new Violation("port", "must be a port from 1 to 65535, such as 587"));
        }
        String security = spec.security() == null ? "starttls" : spec.security().toLowerCase(Locale.ROOT);
        if (!List.of("starttls", "tls", "none").contains(security)) {
            problems.add(new Violation("security", "must be starttls (the default) or tls"));
        }
        String from = text(problems, "from", spec.from(), true);
        if (from != null && !EMAIL.matcher(from).matches()) {
            problems.add(new Violation("from", "is not an e-mail address such as notifications@example.com"));
        }
        String username = text(problems, "username", spec.username(), false);
        boolean hasPassword = spec.password() != null || current.map(Stored::secret).isPresent();
        if (username != null && !hasPassword) {
            problems.add(new Violation("password", "is required with a username"));
        }
        if (host != null && port >= 1 && port <= 65535) {
            egress.policy().problemCalling(host, port, "providers").ifPresent(problem -> problems.add(new Violation("host", problem)));
            if (security.equals("none") && !allowListed(host, port)) {
                problems.add(new Violation("security", "none would send the password and the mail in clear across the"
                        + " internet; use starttls or tls (none is for a relay the operator allow-lists)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("e-mail provider of tenant '" + tenantId + "'", problems);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", host);
        settings.put("port", port);
        settings.put("security", security);
        settings.put("from", from);
        settings.put("username", username);
        String secret = spec.password() != null ? secrets.encrypt(spec.password(), context(tenantId, Channel.EMAIL))
                : current.map(Stored::secret).orElse(null);
        return save(tenantId, Channel.EMAIL, settings, secret);
    }

    /** Sets the tenant's SMS account. @throws ValidationException naming every broken rule */
    public ProviderView setSms(String tenantId, SmsProvider spec) {
        requireNonNull(spec, "spec is null");
        Optional<Stored> current = database.inTenantTransaction(tenantId, entityManager -> stored(entityManager, tenantId,
                Channel.SMS));
        List<Violation> problems = new ArrayList<>();
        String baseUrl = text(problems, "baseUrl", spec.baseUrl(), true);
        if (baseUrl != null) {
            checkBaseUrl(baseUrl).ifPresent(problem -> problems.add(new Violation("baseUrl", problem)));
        }
        String account = text(problems, "accountSid", spec.accountSid(), true);
        if (account != null && !ACCOUNT.matcher(account).matches()) {
            problems.add(new Violation("accountSid", "must be the account id: letters, digits, _ or -, at most 64"));
        }
        if (spec.authToken() == null && current.map(Stored::secret).isEmpty()) {
            problems.add(new Violation("authToken", "is required: the account's token"));
        }
        String from = text(problems, "from", spec.from(), true);
        if (from != null && !SENDER.matcher(from).matches()) {
            problems.add(new Violation("from", "must be a number in E.164 form such as +15550100, a messaging service"
                    + " id (MG...) or an alphanumeric sender of at most 11 characters"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("SMS provider of tenant '" + tenantId + "'", problems);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("baseUrl", baseUrl);
        settings.put("accountSid", account);
        settings.put("from", from);
        String secret = spec.authToken() != null ? secrets.encrypt(spec.authToken(), context(tenantId, Channel.SMS))
                : current.map(Stored::secret).orElse(null);
        return save(tenantId, Channel.SMS, settings, secret);
    }

    /** Removes the tenant's provider: the channel goes through the platform's again. */
    public boolean remove(String tenantId, Channel channel) {
        built.remove(tenantId + "/" + channel);
        return database.inTenantTransaction(tenantId, entityManager -> Sql.update(entityManager,
                "delete from notification_providers where tenant_id = ? and channel = ?", tenantId, channel.name())) > 0;
    }

    /**
     * Writes every provider secret encrypted with a secrets key other than the newest again with the newest (at start,
     * as tenants' other secrets are), so that an old key can be retired; returns how many it rewrote.
     */
    public int reencryptSecrets() {
        return database.inPlatformTransaction(entityManager -> {
            List<String[]> rows = Sql.query(entityManager,
                    "select tenant_id, channel, secret from notification_providers where secret is not null for update",
                    row -> new String[] {row.getString("tenant_id"), row.getString("channel"), row.getString("secret")});
            int rewritten = 0;
            for (String[] row : rows) {
                if (!secrets.needsReencryption(row[2])) {
                    continue;
                }
                String context = context(row[0], Channel.valueOf(row[1]));
                try {
                    Sql.update(entityManager, "update notification_providers set secret = ? where tenant_id = ? and channel = ?",
                            secrets.encrypt(secrets.decrypt(row[2], context), context), row[0], row[1]);
                    rewritten++;
                } catch (IllegalStateException e) {
                    log.error("could not re-encrypt {}: {}", context, e.getMessage());
                }
            }
            return rewritten;
        });
    }

    /** The provider the tenant set for {@code channel}, built once per version of its settings. */
    Optional<ChannelProvider> of(EntityManager entityManager, String tenantId, Channel channel) {
        Optional<Stored> stored = stored(entityManager, tenantId, channel);
        String key = tenantId + "/" + channel;
        if (stored.isEmpty()) {
            built.remove(key);
            return Optional.empty();
        }
        Built cached = built.get(key);
        if (cached != null && cached.updatedAt().equals(stored.get().updatedAt())) {
            return Optional.of(cached.provider());
        }
        ChannelProvider provider = build(tenantId, channel, stored.get());
        built.put(key, new Built(stored.get().updatedAt(), provider));
        return Optional.of(provider);
    }

    private ChannelProvider build(String tenantId, Channel channel, Stored stored) {
        Map<String, Object> settings = stored.settings();
        String secret = stored.secret() == null ? null : secrets.decrypt(stored.secret(), context(tenantId, channel));
        if (channel == Channel.EMAIL) {
            return new SmtpEmailProvider("tenant-smtp", new SmtpEmailProvider.Settings((String) settings.get("host"),
                    ((Number) settings.get("port")).intValue(), (String) settings.get("username"), secret,
                    (String) settings.get("security"), (String) settings.get("from")), egress.policy());
        }
        return new TwilioSmsProvider("tenant-sms", (String) settings.get("baseUrl"), (String) settings.get("accountSid"),
                secret, (String) settings.get("from"), egress);
    }

    private ProviderView save(String tenantId, Channel channel, Map<String, Object> settings, String secret) {
        Instant now = clock.instant();
        database.inTenantTransaction(tenantId, entityManager -> Sql.update(entityManager, """
                insert into notification_providers (tenant_id, channel, settings, secret, updated_at)
                values (?, ?, cast(? as jsonb), ?, ?)
                on conflict (tenant_id, channel) do update
                set settings = excluded.settings, secret = excluded.secret, updated_at = excluded.updated_at""",
                tenantId, channel.name(), json.writeValueAsString(settings), secret, now));
        return new ProviderView(channel, settings, secret != null, now);
    }

    private Optional<Stored> stored(EntityManager entityManager, String tenantId, Channel channel) {
        return Sql.query(entityManager, """
                        select settings, secret, updated_at from notification_providers where tenant_id = ? and channel = ?""",
                row -> new Stored(json.readValue(row.getString("settings"), MAP), row.getString("secret"),
                        Sql.instant(row, "updated_at")), tenantId, channel.name()).stream().findFirst();
    }

    private static String context(String tenantId, Channel channel) {
        return "the " + channel.label() + " provider secret of tenant '" + tenantId + "'";
    }

    private static String text(List<Violation> problems, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new Violation(field, "is required"));
            }
            return null;
        }
        if (value.length() > MAX_TEXT) {
            problems.add(new Violation(field, "is too long: at most " + MAX_TEXT + " characters"));
            return null;
        }
        return value.strip();
    }

    private Optional<String> checkBaseUrl(String baseUrl) {
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be the provider's https API address, such as https://api.twilio.com");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry credentials; give them as accountSid and authToken");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (scheme.equals("http") && !allowListed(uri.getHost(), port)) {
            return Optional.of("must be https: the token travels with every message (http is for a local provider the"
                    + " operator allow-lists)");
        }
        return egress.policy().problemCalling(uri.getHost(), port, "providers");
    }

    private boolean allowListed(String host, int port) {
        String wanted = (host + ":" + port).toLowerCase(Locale.ROOT);
        return egress.policy().allowed().stream().anyMatch(entry -> entry.toLowerCase(Locale.ROOT).equals(wanted));
    }
}
