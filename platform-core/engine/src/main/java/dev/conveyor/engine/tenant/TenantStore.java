package dev.conveyor.engine.tenant;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.PreconditionFailedException;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.SqlValues;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code tenant} table and the topology audit: every read and write of a tenant's stored state. */
public final class TenantStore {

    private static final String COLUMNS = """
            id, display_name, plugin_id, config::text, storage_connection_string, status, version,
            topology_overrides::text, topology_version, created_at, updated_at""";
    private static final TypeReference<Map<String, String>> CONFIG = new TypeReference<>() { };
    private static final TypeReference<Map<String, StageOverride>> OVERRIDES = new TypeReference<>() { };

    private final Database database;
    private final JsonMapper json;

    public TenantStore(Database database, JsonMapper json) {
        this.database = requireNonNull(database, "database is null");
        this.json = requireNonNull(json, "json is null");
    }

    public Optional<TenantRecord> find(String id) {
        return database.inPlatformTransaction(entityManager -> find(entityManager, id));
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
            return rows.stream().map(this::record).toList();
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
                    .setParameter(4, json.writeValueAsString(spec.config()))
                    .setParameter(5, spec.storageConnectionString())
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
    public TenantRecord update(String id, long expectedVersion, String displayName, Map<String, String> config) {
        return database.inPlatformTransaction(entityManager -> {
            int updated = entityManager.createNativeQuery("""
                    update tenant set display_name = ?3, config = cast(?4 as jsonb), version = version + 1,
                                      updated_at = now()
                    where id = ?1 and version = ?2""")
                    .setParameter(1, id)
                    .setParameter(2, expectedVersion)
                    .setParameter(3, displayName)
                    .setParameter(4, json.writeValueAsString(config))
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

    private Optional<TenantRecord> find(EntityManager entityManager, String id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS + " from tenant where id = ?1")
                .setParameter(1, id)
                .getResultList();
        return rows.stream().findFirst().map(this::record);
    }

    private TenantRecord record(Object[] row) {
        return new TenantRecord((String) row[0], (String) row[1], (String) row[2], json.readValue((String) row[3], CONFIG),
                (String) row[4], TenantStatus.valueOf((String) row[5]), ((Number) row[6]).longValue(),
                json.readValue((String) row[7], OVERRIDES), ((Number) row[8]).longValue(), SqlValues.instant(row[9]),
                SqlValues.instant(row[10]));
    }
}
