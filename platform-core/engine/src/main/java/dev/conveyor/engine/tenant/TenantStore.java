package dev.conveyor.engine.tenant;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.PreconditionFailedException;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.SqlValues;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.secrets.SecretCipher;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code tenant} table and the topology audit: every read and write of a tenant's stored state. Secrets (the
 * storage connection string, settings the plugin declares secret) are stored encrypted and read decrypted.
 */
public final class TenantStore {

    private static final Logger log = LoggerFactory.getLogger(TenantStore.class);

    private static final String COLUMNS = """
            id, display_name, plugin_id, config::text, storage_connection_string, status, version,
            topology_overrides::text, topology_version, created_at, updated_at""";
    private static final TypeReference<Map<String, Object>> CONFIG = new TypeReference<>() { };
    private static final TypeReference<Map<String, StageOverride>> OVERRIDES = new TypeReference<>() { };

    private final Database database;
    private final JsonMapper json;
    private final SecretCipher secrets;
    private final PluginRegistry plugins;

    public TenantStore(Database database, JsonMapper json, SecretCipher secrets, PluginRegistry plugins) {
        this.database = requireNonNull(database, "database is null");
        this.json = requireNonNull(json, "json is null");
        this.secrets = requireNonNull(secrets, "secrets is null");
        this.plugins = requireNonNull(plugins, "plugins is null");
    }

    public Optional<TenantRecord> find(String id) {
        return database.inPlatformTransaction(entityManager -> find(entityManager, id));
    }

    /**
     * A tenant that exists (is not deleted).
     *
     * @throws NotFoundException otherwise
     */
    public TenantRecord existing(String id) {
        return find(id).filter(tenant -> tenant.status() != TenantStatus.DELETED)
                .orElseThrow(() -> new NotFoundException("tenant '" + id + "' does not exist"));
    }

    /** Tenants that are not deleted, by id, one page of them. */
    public List<TenantRecord> list(int offset, int limit) {
        return database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS
                    + " from tenant where status <> 'DELETED' order by id offset ?1 limit ?2")
                    .setParameter(1, offset)
                    .setParameter(2, limit)
                    .getResultList();
            return rows.stream().map(this::record).toList();
        });
    }

    public long count() {
        return database.inPlatformTransaction(entityManager -> ((Number) entityManager
                .createNativeQuery("select count(*) from tenant where status <> 'DELETED'").getSingleResult()).longValue());
    }

    /** Every tenant that should run or stop somewhere: the reconciler's view. */
    public List<TenantRecord> all() {
        return database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS + " from tenant order by id")
                    .getResultList();
            List<TenantRecord> tenants = new ArrayList<>();
            for (Object[] row : rows) {
                try {
                    tenants.add(record(row));
                } catch (IllegalStateException e) {
                    // One tenant whose secrets cannot be read (its key was removed) must not stop the others.
                    log.error("tenant '{}' is left as it is: {}", row[0], e.getMessage());
                }
            }
            return tenants;
        });
    }

    /** Records a new tenant as PROVISIONING; returns the stored tenant, which is the existing one if the id is taken. */
    public TenantRecord insertIfAbsent(TenantSpec spec) {
        return database.inPlatformTransaction(entityManager -> {
            entityManager.createNativeQuery("""
                    insert into tenant (id, display_name, plugin_id, config, storage_connection_string, status,
                                        topology_overrides)
                    values (?1, ?2, ?3, cast(?4 as jsonb), ?5, 'PROVISIONING', cast(?6 as jsonb))
                    on conflict (id) do nothing""")
                    .setParameter(1, spec.id())
                    .setParameter(2, spec.displayName())
                    .setParameter(3, spec.pluginId())
                    .setParameter(4, json.writeValueAsString(sealConfig(spec.id(), spec.pluginId(), spec.config())))
                    .setParameter(5, spec.storageConnectionString() == null ? null
                            : secrets.encrypt(spec.storageConnectionString(), storageContext(spec.id())))
                    .setParameter(6, json.writeValueAsString(spec.stageOverrides()))
                    .executeUpdate();
            return find(entityManager, spec.id()).orElseThrow();
        });
    }

    /** Moves the tenant to {@code status}; a change of status is a new version of the tenant. */
    public TenantRecord setStatus(String id, TenantStatus status) {
        return database.inPlatformTransaction(entityManager -> {
            entityManager.createNativeQuery("""
                    update tenant set status = ?2, version = version + 1, updated_at = now()
                    where id = ?1 and status <> ?2""")
                    .setParameter(1, id)
                    .setParameter(2, status.name())
                    .executeUpdate();
            return find(entityManager, id).orElseThrow();
        });
    }

    /**
     * Replaces display name and configuration if the stored version is {@code expectedVersion}.
     *
     * @throws PreconditionFailedException when someone changed the tenant since that version
     */
    public TenantRecord update(String id, long expectedVersion, String displayName, Map<String, Object> config) {
        return database.inPlatformTransaction(entityManager -> {
            int updated = entityManager.createNativeQuery("""
                    update tenant set display_name = ?3, config = cast(?4 as jsonb), version = version + 1,
                                      updated_at = now()
                    where id = ?1 and version = ?2""")
                    .setParameter(1, id)
                    .setParameter(2, expectedVersion)
                    .setParameter(3, displayName)
                    .setParameter(4, json.writeValueAsString(sealConfig(id, pluginIdOf(entityManager, id), config)))
                    .executeUpdate();
            TenantRecord stored = find(entityManager, id).orElseThrow();
            if (updated == 0) {
                throw new PreconditionFailedException("tenant '" + id + "' is at version " + stored.version()
                        + ", not " + expectedVersion + "; read it again and reapply your change");
            }
            return stored;
        });
    }

    /**
     * Replaces the stage overrides if the stored topology version is {@code expectedVersion}, and audits it.
     *
     * @throws PreconditionFailedException when someone changed the topology since that version
     */
    public TenantRecord replaceOverrides(String id, long expectedVersion, Map<String, StageOverride> overrides, String actor) {
        return database.inPlatformTransaction(entityManager -> {
            TenantRecord before = find(entityManager, id).orElseThrow();
            int updated = entityManager.createNativeQuery("""
                    update tenant set topology_overrides = cast(?3 as jsonb), topology_version = topology_version + 1,
                                      updated_at = now()
                    where id = ?1 and topology_version = ?2""")
                    .setParameter(1, id)
                    .setParameter(2, expectedVersion)
                    .setParameter(3, json.writeValueAsString(overrides))
                    .executeUpdate();
            if (updated == 0) {
                throw new PreconditionFailedException("the topology of tenant '" + id + "' is at version "
                        + before.topologyVersion() + ", not " + expectedVersion + "; read it again and reapply your change");
            }
            entityManager.createNativeQuery("""
                    insert into topology_audit (tenant_id, version, actor, before, after)
                    values (?1, ?2, ?3, cast(?4 as jsonb), cast(?5 as jsonb))""")
                    .setParameter(1, id)
                    .setParameter(2, expectedVersion + 1)
                    .setParameter(3, actor)
                    .setParameter(4, json.writeValueAsString(before.stageOverrides()))
                    .setParameter(5, json.writeValueAsString(overrides))
                    .executeUpdate();
            return find(entityManager, id).orElseThrow();
        });
    }

    /** The tenant's topology changes, newest first. */
    public List<TopologyChange> audit(String id) {
        return database.inTenantTransaction(id, entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    select version, actor, changed_at, before::text, after::text from topology_audit
                    where tenant_id = ?1 order by version desc""")
                    .setParameter(1, id)
                    .getResultList();
            return rows.stream().map(row -> new TopologyChange(((Number) row[0]).longValue(), (String) row[1],
                    SqlValues.instant(row[2]), json.readValue((String) row[3], OVERRIDES),
                    json.readValue((String) row[4], OVERRIDES))).toList();
        });
    }

    /**
     * Marks the tenant deleted with its teardown pending (and, with {@code erase}, the erasure of its data), in one
     * step, so that an interrupted teardown is found and resumed. Erasure once asked for stays asked for.
     */
    public TenantRecord markDeleted(String id, boolean erase) {
        return database.inPlatformTransaction(entityManager -> {
            entityManager.createNativeQuery("""
                    update tenant set status = 'DELETED', teardown_pending = true, erase_pending = erase_pending or ?2,
                                      version = version + case when status = 'DELETED' then 0 else 1 end,
                                      updated_at = now()
                    where id = ?1""")
                    .setParameter(1, id)
                    .setParameter(2, erase)
                    .executeUpdate();
            return find(entityManager, id).orElseThrow();
        });
    }

    /** What is left to do for a deleted tenant: tear down, erase, or nothing. */
    public Teardown teardownOf(String id) {
        return database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    select teardown_pending, erase_pending, erased_at is not null from tenant where id = ?1""")
                    .setParameter(1, id)
                    .getResultList();
            return rows.stream().findFirst()
                    .map(row -> new Teardown(id, (Boolean) row[0], (Boolean) row[1], (Boolean) row[2]))
                    .orElseThrow();
        });
    }

    /** Deleted tenants whose teardown or erasure did not complete (a failure halfway, a crash). */
    public List<String> pendingTeardowns() {
        return database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<String> ids = entityManager.createNativeQuery("""
                    select id from tenant where status = 'DELETED' and (teardown_pending or erase_pending) order by id""")
                    .getResultList();
            return ids;
        });
    }

    /**
     * Records the teardown complete. With {@code erased}, the tenant's configuration and secrets are cleared too
     * (its id stays, so that it is never given to another tenant).
     */
    public void teardownCompleted(String id, boolean erased) {
        database.inPlatformTransaction(entityManager -> entityManager.createNativeQuery(erased ? """
                update tenant set teardown_pending = false, erase_pending = false, erased_at = now(), display_name = id,
                                  config = '{}', storage_connection_string = null, topology_overrides = '{}'
                where id = ?1""" : """
                update tenant set teardown_pending = false where id = ?1""")
                .setParameter(1, id)
                .executeUpdate());
    }

    /**
     * Writes again, with the newest key, every secret stored in plaintext (before encryption) or with an older key,
     * so that older keys can be retired. Returns how many tenants were rewritten. Idempotent; a tenant whose secrets
     * cannot be read is logged and skipped.
     */
    public int reencryptSecrets() {
        if (secrets.keyIds().isEmpty()) {
            return 0;
        }
        int rewritten = 0;
        for (String id : database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<String> ids = entityManager.createNativeQuery("select id from tenant order by id").getResultList();
            return ids;
        })) {
            try {
                if (reencrypt(id)) {
                    rewritten++;
                }
            } catch (IllegalStateException e) {
                log.error("could not re-encrypt the secrets of tenant '{}': {}", id, e.getMessage());
            }
        }
        return rewritten;
    }

    private boolean reencrypt(String id) {
        return database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(
                    "select plugin_id, config::text, storage_connection_string from tenant where id = ?1 for update")
                    .setParameter(1, id)
                    .getResultList();
            Object[] row = rows.getFirst();
            String pluginId = (String) row[0];
            Map<String, Object> stored = json.readValue((String) row[1], CONFIG);
            String storage = (String) row[2];
            boolean stale = secrets.needsReencryption(storage) || secretNames(pluginId).stream()
                    .anyMatch(name -> stored.get(name) != null && (!(stored.get(name) instanceof String text)
                            || secrets.needsReencryption(text)));
            if (!stale) {
                return false;
            }
            Map<String, Object> config = transformSecrets(pluginId, stored,
                    (name, value) -> secrets.decrypt(text(value), settingContext(id, name)));
            entityManager.createNativeQuery("""
                    update tenant set config = cast(?2 as jsonb), storage_connection_string = ?3 where id = ?1""")
                    .setParameter(1, id)
                    .setParameter(2, json.writeValueAsString(sealConfig(id, pluginId, config)))
                    .setParameter(3, storage == null ? null
                            : secrets.encrypt(secrets.decrypt(storage, storageContext(id)), storageContext(id)))
                    .executeUpdate();
            return true;
        });
    }

    /**
     * The settings as stored: the value of each setting the plugin declares secret encrypted, as its text (a list or
     * object as its JSON text, which the settings binding reads back as such).
     */
    private Map<String, Object> sealConfig(String id, String pluginId, Map<String, Object> config) {
        return transformSecrets(pluginId, config, (name, value) -> secrets.encrypt(text(value), settingContext(id, name)));
    }

    private String text(Object value) {
        return value instanceof String text ? text : json.writeValueAsString(value);
    }

    private Map<String, Object> transformSecrets(String pluginId, Map<String, Object> config,
            BiFunction<String, Object, Object> transform) {
        Set<String> secretNames = secretNames(pluginId);
        if (secretNames.isEmpty()) {
            return config;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        config.forEach((name, value) -> result.put(name,
                value != null && secretNames.contains(name) ? transform.apply(name, value) : value));
        return result;
    }

    private Set<String> secretNames(String pluginId) {
        return plugins.find(pluginId).map(plugin -> plugins.settings(pluginId).secretNames()).orElse(Set.of());
    }

    private static String pluginIdOf(EntityManager entityManager, String id) {
        return (String) entityManager.createNativeQuery("select plugin_id from tenant where id = ?1")
                .setParameter(1, id)
                .getSingleResult();
    }

    /** What a ciphertext is bound to: moved to another tenant or field, it does not decrypt. */
    private static String storageContext(String tenantId) {
        return "the storage connection string of tenant '" + tenantId + "'";
    }

    private static String settingContext(String tenantId, String setting) {
        return "setting '" + setting + "' of tenant '" + tenantId + "'";
    }

    /**
     * A deleted tenant's remaining work.
     *
     * @param teardownPending its queues and unsent messages are not all removed yet
     * @param erasePending    its data is to be erased and is not yet
     * @param erased          its data was erased
     */
    public record Teardown(String tenantId, boolean teardownPending, boolean erasePending, boolean erased) {
    }

    private Optional<TenantRecord> find(EntityManager entityManager, String id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS + " from tenant where id = ?1")
                .setParameter(1, id)
                .getResultList();
        return rows.stream().findFirst().map(this::record);
    }

    private TenantRecord record(Object[] row) {
        String id = (String) row[0];
        String pluginId = (String) row[2];
        Map<String, Object> config = transformSecrets(pluginId, json.readValue((String) row[3], CONFIG),
                (name, value) -> secrets.decrypt(text(value), settingContext(id, name)));
        String storage = row[4] == null ? null : secrets.decrypt((String) row[4], storageContext(id));
        return new TenantRecord(id, (String) row[1], pluginId, config,
                storage, TenantStatus.valueOf((String) row[5]), ((Number) row[6]).longValue(),
                json.readValue((String) row[7], OVERRIDES), ((Number) row[8]).longValue(), SqlValues.instant(row[9]),
                SqlValues.instant(row[10]));
    }
}
