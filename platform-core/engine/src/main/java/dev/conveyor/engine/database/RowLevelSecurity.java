package dev.conveyor.engine.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Runs after every migration, the platform's and each plugin's (so a plugin cannot forget it), as the schema owner:
 * gives {@value Database#APP_ROLE} and {@value Database#PLATFORM_ROLE} their logins, puts row-level security on every
 * table with a {@code tenant_id} column, and grants the roles their tables. Idempotent, and in one transaction; several
 * processes starting at once (a deployment's replicas) take turns.
 */
final class RowLevelSecurity implements Callback {

    private static final long LOCK = 0x436f6e76524c53L;

    private final String ownerPassword;

    RowLevelSecurity(String ownerPassword) {
        this.ownerPassword = ownerPassword;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    /** It runs its own transaction (below), whatever Flyway would do with a callback's. */
    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return false;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection connection = context.getConnection();
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement lock = connection.createStatement()) {
                // Held until the commit, so the next process sees the roles and policies this one made.
                lock.execute("select pg_advisory_xact_lock(" + LOCK + ")");
                LoginRoles.ensure(connection, ownerPassword, Database.APP_ROLE, Database.PLATFORM_ROLE);
                secureTenantTables(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not set up row-level security: " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return "conveyor-row-level-security";
    }

    /**
     * Puts a tenant isolation policy on every table with a {@code tenant_id} column, forced so that it holds even
     * for the table owner, and grants the roles their tables: the application role only the tenant tables (so
     * it reads neither the tenant registry nor anything else that is not scoped to one tenant), the platform role
     * every table. Replaces the policy of earlier versions, which let a session setting claim the platform.
     */
    private static void secureTenantTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        List<String> tenantTables = new ArrayList<>();
        List<String> unsecured = new ArrayList<>();
        String visible = "tenant_id = current_setting('" + Database.TENANT_SETTING + "', true) or current_user = '"
                + Database.PLATFORM_ROLE + "'";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select t.table_name,
                               exists (select 1 from information_schema.columns c
                                       where c.table_schema = t.table_schema and c.table_name = t.table_name
                                         and c.column_name = 'tenant_id') as has_tenant,
                               exists (select 1 from pg_policies p
                                       where p.schemaname = t.table_schema and p.tablename = t.table_name
                                         and p.policyname = 'tenant_isolation'
                                         and p.qual like '%%%s%%') as has_policy
                        from information_schema.tables t
                        where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                          and t.table_name not like 'flyway_history_%%'""".formatted(Database.PLATFORM_ROLE))) {
            while (rows.next()) {
                tables.add(rows.getString(1));
                if (rows.getBoolean(2)) {
                    tenantTables.add(rows.getString(1));
                    if (!rows.getBoolean(3)) {
                        unsecured.add(rows.getString(1));
                    }
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                statement.execute("grant select, insert, update, delete on " + quote(table) + " to " + Database.PLATFORM_ROLE);
                statement.execute((tenantTables.contains(table) ? "grant" : "revoke") + " select, insert, update, delete on "
                        + quote(table) + (tenantTables.contains(table) ? " to " : " from ") + Database.APP_ROLE);
            }
            for (String role : List.of(Database.APP_ROLE, Database.PLATFORM_ROLE)) {
                statement.execute("grant usage on schema " + quote(currentSchema(connection)) + " to " + role);
                statement.execute("grant usage, select, update on all sequences in schema "
                        + quote(currentSchema(connection)) + " to " + role);
            }
            for (String table : unsecured) {
                statement.execute("alter table " + quote(table) + " enable row level security");
                statement.execute("alter table " + quote(table) + " force row level security");
                statement.execute("drop policy if exists tenant_isolation on " + quote(table));
                statement.execute("create policy tenant_isolation on " + quote(table) + " using (" + visible
                        + ") with check (" + visible + ")");
            }
        }
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet schema = statement.executeQuery("select current_schema()")) {
            schema.next();
            return schema.getString(1);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
