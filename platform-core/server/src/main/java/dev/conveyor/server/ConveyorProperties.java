package dev.conveyor.server;

import dev.conveyor.engine.budget.TenantBudget;
import dev.conveyor.engine.tenant.StageCaps;
import dev.conveyor.engine.webhook.WebhookOptions;
import dev.conveyor.server.storage.StorageProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code conveyor.*}. Environment variables bind too: {@code CONVEYOR_SECRETS_KEY} is
 * {@code conveyor.secrets.key}.
 *
 * @param database                the Postgres database, as its schema owner (migrations run as this user; queries
 *                                run as the {@code conveyor_app} role, to which row-level security applies)
 * @param storageConnectionString the Azure Storage (or Azurite) connection string of the platform's queues; or leave
 *                                it out and name the account by endpoint in {@code storage} (Microsoft Entra ID)
 * @param storage                 the platform's account by endpoint and Entra ID identity, and what tenants may name
 *                                for accounts of their own
 * @param bootstrapAdminKey       a platform admin key to register at start ({@code cvk_<12 hex>_<64 hex>}); earlier
 *                                bootstrap keys are revoked, so a new value rotates it. Without it, one is generated
 *                                when no platform admin key exists, and written to {@code bootstrapAdminKeyFile}
 * @param bootstrapAdminKeyFile   where a generated bootstrap admin key is written, readable by its owner only
 * @param secrets                 the keys that encrypt tenant secrets at rest
 * @param tenants                 tenants to create at start if missing (idempotent)
 * @param shutdownGrace           how long in-flight messages may take to finish on shutdown
 * @param stages                  the stages this process consumes, by name (its role): empty for all, {@code none}
 *                                for an API-only process
 * @param retention               how long dead letters, attempts, inbox rows and idempotency keys are
 *                                kept before the hourly purge removes them
 * @param ingestAnswerDeadline    how long an ingest request may take before it answers 503 with Retry-After whatever
 *                                holds it up (its work may still finish: a retry with the same Idempotency-Key then
 *                                gets its answer)
 * @param ingestSendDeadline      how long an accepted message's send to the queue may hold its request; a slower
 *                                queue service gets it behind the answer (the outbox holds it meanwhile)
 * @param tenantBudget            what each tenant may use in this process (ingest rate, handlers in flight, pooled
 *                                connections); a tenant admin cannot change it
 * @param stageCaps               upper bounds on the stage settings a tenant admin may override
 * @param egress                  what calls out of the platform may reach inside its network
 * @param webhooks                how tenants' webhooks are delivered: retry delays, throttling, disabling
 * @param idle                    how idle consumers back off beyond their stage's {@code maxIdlePoll}
 *                                ({@code conveyor.idle.deep-after}, {@code conveyor.idle.deep-poll}): a queue empty that
 *                                long is polled at most that often while this instance hears other instances'
 *                                announcements; Conveyor's own sends wake it at once, messages others put on an entry
 *                                queue directly may wait up to {@code deep-poll}
 * @param pluginsDir              the plugins directory, one folder per plugin holding its jars
 *                                ({@code CONVEYOR_PLUGINS_DIR}); by default {@code plugins/} next to the server's jar,
 *                                when there is one. Plugins on the class path are installed as well
 */
@ConfigurationProperties("conveyor")
public record ConveyorProperties(
        Database database,
        String storageConnectionString,
        String bootstrapAdminKey,
        @DefaultValue List<ConfiguredTenant> tenants,
        @DefaultValue("20s") Duration shutdownGrace,
        @DefaultValue List<String> stages,
        @DefaultValue("7d") Duration retention,
        @DefaultValue(".conveyor/admin-key") String bootstrapAdminKeyFile,
        @DefaultValue Secrets secrets,
        @DefaultValue("250ms") Duration ingestSendDeadline,
        @DefaultValue("1s") Duration ingestAnswerDeadline,
        @DefaultValue Budget tenantBudget,
        @DefaultValue Caps stageCaps,
        @DefaultValue Egress egress,
        @DefaultValue Webhooks webhooks,
        @DefaultValue Idle idle,
        String pluginsDir,
        @DefaultValue StorageProperties storage) {

    public ConveyorProperties {
        if (database == null || database.url() == null || database.url().isBlank()) {
            throw new IllegalArgumentException("conveyor.database.url is not set: give the JDBC URL of the Postgres"
                    + " database (and conveyor.database.user / password of its owner)");
        }
        storage.platformAccount(storageConnectionString); // refuses a missing or contradictory account at start
    }

    /** See {@code idle} above. */
    public record Idle(@DefaultValue("2m") Duration deepAfter, @DefaultValue("1m") Duration deepPoll) {
    }

    /**
     * @param requestPool the API requests' own pool ({@code conveyor.database.request-pool.*}): while Postgres is
     *                    away a request is answered 503 within about a second instead of waiting on the engine's pool
     * @param migrateOnStart whether this process runs the platform's and plugins' migrations at start (one process,
     *                    the demo, tests); when false ({@code CONVEYOR_DATABASE_MIGRATE_ON_START=false}, every pod of a
     *                    release whose migrations run once in {@code conveyor.mode=migrate}) it refuses to start on a
     *                    schema behind its code
     */
    public record Database(String url, @DefaultValue("postgres") String user, @DefaultValue("") String password,
            @DefaultValue("30") int poolSize, @DefaultValue RequestPool requestPool,
            @DefaultValue("true") boolean migrateOnStart) {
    }

    /**
     * @param size              connections for API requests
     * @param connectionTimeout how long a request waits for a connection
     * @param networkTimeout    how long a request waits for Postgres to answer on one
     * @param openFor           how long the circuit breaker stays open after repeated connection failures (also the
     *                          Retry-After meanwhile)
     */
    public record RequestPool(@DefaultValue("10") int size, @DefaultValue("300ms") Duration connectionTimeout,
            @DefaultValue("600ms") Duration networkTimeout, @DefaultValue("2s") Duration openFor) {
    }

    /**
     * The keys that encrypt tenant secrets (storage connection strings, settings a plugin declares secret) with
     * AES-256-GCM.
     *
     * @param key     base64 of 32 random bytes ({@code openssl rand -base64 32}); several comma-separated, newest first,
     *                to rotate: the newest encrypts, every one decrypts, and at start the engine re-encrypts what an
     *                older one encrypted. From {@code CONVEYOR_SECRETS_KEY}.
     * @param keyFile used only without {@code key}: a file holding the key, generated there (readable by its owner
     *                only) when missing. The demo uses {@code .conveyor/secrets-key}; a server with neither refuses to
     *                start.
     */
    public record Secrets(String key, String keyFile) {
    }

    /**
     * {@code conveyor.tenant-budget.*}, per tenant and process: {@code ingest-per-second} and {@code ingest-burst}
     * (over it: 429 with Retry-After), {@code max-concurrency} (handlers in flight across the tenant's stages),
     * {@code max-connections} (pooled connections its transactions hold at once) and {@code connection-wait} (how
     * long an API request waits for one before a 503 with Retry-After).
     */
    public record Budget(@DefaultValue("100") long ingestPerSecond, @DefaultValue("200") long ingestBurst,
            @DefaultValue("64") int maxConcurrency, @DefaultValue("20") int maxConnections,
            @DefaultValue("500ms") Duration connectionWait) {

        public TenantBudget toEngine() {
            return new TenantBudget(ingestPerSecond, ingestBurst, maxConcurrency, maxConnections, connectionWait);
        }
    }

    /** {@code conveyor.stage-caps.*}: the most a tenant admin may set per stage; a PATCH above a cap answers 400. */
    public record Caps(@DefaultValue("32") int batchSize, @DefaultValue("10m") Duration lease,
            @DefaultValue("20") int maxDeliveries, @DefaultValue("10m") Duration retryBackoff,
            @DefaultValue("1h") Duration maxRetryBackoff, @DefaultValue("1m") Duration maxIdlePoll) {

        public StageCaps toEngine() {
            return new StageCaps(batchSize, lease, maxDeliveries, retryBackoff, maxRetryBackoff, maxIdlePoll);
        }
    }

    /**
     * Calls out of the platform (plugins' webhooks, data sync) reach any internet address, and inside the platform's
     * network (loopback, link-local and cloud metadata, private, CGNAT, unique-local, multicast) only what is listed
     * in {@code conveyor.egress.allow}: CIDR blocks ({@code 10.20.0.0/16}), IP addresses, or host:port
     * ({@code 127.0.0.1:8089}, {@code ehr.internal:443}). Tenants cannot change it.
     */
    public record Egress(@DefaultValue List<String> allow) {
    }

    /**
     * Webhook delivery ({@code conveyor.webhooks.*}): the delays between attempts (Svix's by default, each ±20 %), the
     * least delay after a 429 or a timeout, how long an endpoint may fail before it is disabled, each call's deadline,
     * deliveries in flight per tenant, how often due messages are looked for, how long a rotated secret still signs.
     */
    public record Webhooks(@DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) List<Duration> retryDelays,
            @DefaultValue("60s") Duration throttledMinimum, @DefaultValue("5d") Duration disableAfter,
            @DefaultValue("15s") Duration requestTimeout, @DefaultValue("4") int concurrencyPerTenant,
            @DefaultValue("1s") Duration pollInterval, @DefaultValue("24h") Duration rotationGrace) {

        public WebhookOptions toEngine() {
            return new WebhookOptions(retryDelays, throttledMinimum, disableAfter, requestTimeout, concurrencyPerTenant,
                    pollInterval, rotationGrace);
        }
    }

    /** A tenant declared in configuration: id (slug), industry plugin id, display name and plugin config. */
    public record ConfiguredTenant(String id, String plugin, String displayName, @DefaultValue Map<String, String> config) {
    }
}
