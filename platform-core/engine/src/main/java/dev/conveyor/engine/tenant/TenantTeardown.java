package dev.conveyor.engine.tenant;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.apikey.ApiKeys;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.TenantTransports;
import dev.conveyor.sdk.DomainPlugin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes a deleted tenant's removal: its keys revoked, its queues deleted, its unsent messages dropped, and, when
 * erasure was asked for, its data erased. Every step may be repeated, so a teardown that failed halfway is completed
 * by the next attempt (a repeated delete, or the housekeeping that resumes pending teardowns).
 *
 * <p>Erasure deletes the tenant's rows from every table with a {@code tenant_id} column (the platform's dead
 * letters, attempts, inbox, outbox and idempotency keys, and every plugin's tables, found the same way row-level
 * security finds them), children before the tables they reference. Kept: the tenant row itself (its id is never
 * reused; its configuration and secrets are cleared), its revoked API keys and its topology audit, which record who
 * had access and who changed what, not personal data.
 */
public final class TenantTeardown {

    private static final Logger log = LoggerFactory.getLogger(TenantTeardown.class);
    private static final Set<String> KEPT_ON_ERASE = Set.of("tenant", "api_key", "topology_audit");

    private final TenantStore store;
    private final ApiKeys apiKeys;
    private final TenantTransports transports;
    private final PluginRegistry plugins;
    private final Database database;

    public TenantTeardown(TenantStore store, ApiKeys apiKeys, TenantTransports transports, PluginRegistry plugins,
            Database database) {
        this.store = requireNonNull(store, "store is null");
        this.apiKeys = requireNonNull(apiKeys, "apiKeys is null");
        this.transports = requireNonNull(transports, "transports is null");
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.database = requireNonNull(database, "database is null");
    }

    /** Completes what is left of the deleted tenant's teardown; throws when a step fails (it stays pending). */
    public void complete(TenantRecord tenant) {
        String tenantId = tenant.id();
        TenantStore.Teardown left = store.teardownOf(tenantId);
        apiKeys.revokeAll(tenantId);
        if (left.teardownPending() || left.erasePending()) {
            deleteQueues(tenant);
            int unsent = deleteRows(tenantId, List.of("outbox")).get("outbox");
            if (unsent > 0) {
                log.info("tenant '{}': dropped {} unsent messages", tenantId, unsent);
            }
        }
        if (left.erasePending()) {
            Map<String, Integer> erased = deleteRows(tenantId, erasableTables());
            log.info("tenant '{}': erased its data, rows per table: {}", tenantId, erased);
        }
        store.teardownCompleted(tenantId, left.erasePending());
    }

    private void deleteQueues(TenantRecord tenant) {
        DomainPlugin<?> plugin = plugins.find(tenant.pluginId()).orElseThrow(() -> new IllegalStateException(
                "the queues of deleted tenant '" + tenant.id() + "' cannot be named: its plugin '" + tenant.pluginId()
                        + "' is not installed; install it again to finish the teardown"));
        QueueTransport transport = transports.assign(tenant.id(), tenant.storageConnectionString());
        new TenantTopology(tenant.spec(), plugin).allQueueNames().forEach(transport::deleteQueue);
        transports.assign(tenant.id(), null);
    }

    /** Deletes the tenant's rows from {@code tables}, in that order, in one transaction. */
    private Map<String, Integer> deleteRows(String tenantId, List<String> tables) {
        return database.inPlatformTransaction(entityManager -> Database.onConnection(entityManager, connection -> {
            Map<String, Integer> deleted = new LinkedHashMap<>();
            for (String table : tables) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "delete from \"" + table.replace("\"", "\"\"") + "\" where tenant_id = ?")) {
                    statement.setString(1, tenantId);
                    deleted.put(table, statement.executeUpdate());
                }
            }
            return deleted;
        }));
    }

    /** Every table with a {@code tenant_id} column but the kept ones, each after the tables that reference it. */
    private List<String> erasableTables() {
        return database.inPlatformTransaction(entityManager -> Database.onConnection(entityManager, connection -> {
            Set<String> tables = new HashSet<>(strings(connection, """
                    select c.table_name from information_schema.columns c
                    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                    where c.table_schema = current_schema() and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'"""));
            tables.removeAll(KEPT_ON_ERASE);
            Map<String, Set<String>> referencedBy = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement("""
                    select child.relname, parent.relname from pg_constraint k
                    join pg_class child on child.oid = k.conrelid
                    join pg_class parent on parent.oid = k.confrelid
                    where k.contype = 'f' and k.connamespace = current_schema()::regnamespace""");
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (!rows.getString(1).equals(rows.getString(2))) {
                        referencedBy.computeIfAbsent(rows.getString(2), parent -> new HashSet<>()).add(rows.getString(1));
                    }
                }
            }
            List<String> order = new ArrayList<>();
            Set<String> remaining = new HashSet<>(tables);
            while (!remaining.isEmpty()) {
                List<String> free = remaining.stream()
                        .filter(table -> referencedBy.getOrDefault(table, Set.of()).stream().noneMatch(remaining::contains))
                        .sorted()
                        .toList();
                if (free.isEmpty()) {
                    throw new IllegalStateException("cannot order the erasure of tables that reference each other: " + remaining);
                }
                order.addAll(free);
                free.forEach(remaining::remove);
            }
            return order;
        }));
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
