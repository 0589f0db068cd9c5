package dev.conveyor.engine.database;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.persistence.Repositories;
import dev.conveyor.engine.persistence.TransactionScope;
import dev.conveyor.sdk.DomainPlugin;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jdbc.ReturningWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's view of Postgres, over pools made for it ({@link DatabasePools}, from {@link DatabaseSetup}). The
 * application logs in as {@value #APP_ROLE}, to which row-level security applies, in transactions that say which
 * tenant they act for; platform housekeeping (sweeper, API-key lookup, tenant records) logs in as
 * {@value #PLATFORM_ROLE}. Neither login can become the owner or the other: {@code RESET ROLE} on an application
 * connection leaves it the application role, so row-level security is enforced, not advisory. Each plugin has a
 * persistence unit of its own (its entities only); the platform's own statements use a unit without entities.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** The session setting the row-level security policies read to find the current tenant. */
    public static final String TENANT_SETTING = "conveyor.tenant_id";
    /** The login of application transactions: not superuser, not owner, no BYPASSRLS, a member of no role. */
    public static final String APP_ROLE = "conveyor_app";
    /** The login of platform housekeeping, which acts for every tenant: no BYPASSRLS, explicit grants. */
    public static final String PLATFORM_ROLE = "conveyor_platform";

    private final DataSource dataSource;
    private final DataSource platformDataSource;
    private final PersistenceUnit platformUnit;
    /** By plugin id; a plugin without entities uses the platform's unit. */
    private final Map<String, PersistenceUnit> pluginUnits;
    /** API requests' own pools with short deadlines; null when the engine serves no API (tests, benchmarks). */
    private final RequestPool requestPool;
    private final RequestPool platformRequestPool;
    private volatile TenantGate tenantGate = TenantGate.OPEN;

    /**
     * Over {@code pools} (migrated already), with a persistence unit for each of {@code plugins} that has entities.
     * Closing it closes the units, not the pools.
     */
    public Database(DatabasePools pools, Collection<? extends DomainPlugin<?>> plugins) {
        requireNonNull(pools, "pools is null");
        this.dataSource = pools.application();
        this.platformDataSource = pools.platform();
        CircuitBreaker breaker = pools.requests().map(requests -> RequestPool.breaker(requests.settings())).orElse(null);
        this.requestPool = pools.requests().map(requests -> new RequestPool(requests.application(), requests.settings(),
                breaker)).orElse(null);
        this.platformRequestPool = pools.requests().map(requests -> new RequestPool(requests.platform(),
                requests.settings(), breaker)).orElse(null);
        List<PersistenceUnit> opened = new ArrayList<>();
        try {
            this.platformUnit = open(opened, PersistenceUnit.create("conveyor-platform", List.of(),
                    Database.class.getClassLoader(), dataSource));
            Map<String, PersistenceUnit> units = new HashMap<>();
            for (DomainPlugin<?> plugin : plugins) {
                PluginPersistence persistence = PluginPersistence.of(plugin);
                units.put(persistence.pluginId(), persistence.entities().isEmpty() ? platformUnit
                        : open(opened, PersistenceUnit.create("conveyor-plugin-" + persistence.pluginId(),
                                persistence.entities(), persistence.classLoader(), dataSource)));
            }
            this.pluginUnits = Map.copyOf(units);
        } catch (RuntimeException e) {
            opened.forEach(PersistenceUnit::close);
            throw e;
        }
    }

    private static PersistenceUnit open(List<PersistenceUnit> opened, PersistenceUnit unit) {
        opened.add(unit);
        return unit;
    }

    /**
     * Marks the calling thread as serving an API request until the returned scope is closed: its transactions then
     * use the request pool (short deadlines, circuit breaker) and fail with {@link DatabaseUnavailableException}
     * when Postgres does not answer in time. Without a request pool it changes nothing.
     */
    public static RequestScope servingRequest() {
        return RequestPool.serving();
    }

    /** Whether this thread serves an API request ({@link #servingRequest()}): its transactions take the request pools. */
    public static boolean isServingRequest() {
        return RequestPool.isServing();
    }

    /** The end of a {@link #servingRequest()} scope; closing it throws nothing. Scopes nest. */
    @FunctionalInterface
    public interface RequestScope extends AutoCloseable {
        @Override
        void close();
    }

    /** The application's pool ({@value #APP_ROLE}). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** {@code plugin}'s Spring Data repositories, each working in the transaction of the thread that calls it. */
    public Repositories repositories(DomainPlugin<?> plugin) {
        return unit(plugin).repositories();
    }

    /**
     * Runs {@code work} in one transaction on behalf of {@code tenantId}: row-level security shows it that
     * tenant's rows only; the transaction commits when {@code work} returns and rolls back when it throws. For the
     * platform's own statements (inbox, outbox, dead letters): its entity manager maps no entity.
     */
    public <T> T inTenantTransaction(String tenantId, Function<EntityManager, T> work) {
        return inTenantTransaction(tenantId, platformUnit, work);
    }

    /**
     * As {@link #inTenantTransaction(String, Function)}, with an entity manager of {@code plugin}'s own persistence
     * unit: for its handlers, views and actions. The platform's statements in the same transaction (the inbox row, the
     * outbox rows) go through {@link #onConnection} on that entity manager, so they commit or roll back with the
     * plugin's writes.
     */
    public <T> T inTenantTransaction(String tenantId, DomainPlugin<?> plugin, Function<EntityManager, T> work) {
        return inTenantTransaction(tenantId, unit(plugin), work);
    }

    private PersistenceUnit unit(DomainPlugin<?> plugin) {
        requireNonNull(plugin, "plugin is null");
        PersistenceUnit unit = pluginUnits.get(plugin.id());
        if (unit == null) {
            throw new IllegalStateException("plugin '" + plugin.id() + "' has no persistence unit: it was not installed"
                    + " when the engine started (installed: " + String.join(", ", pluginUnits.keySet()) + ")");
        }
        return unit;
    }

    private <T> T inTenantTransaction(String tenantId, PersistenceUnit unit, Function<EntityManager, T> work) {
        requireNonNull(tenantId, "tenantId is null");
        try (TenantGate.Admission admitted = tenantGate.admit(tenantId)) {
            return inTransaction(unit, dataSource, requestPool, tenantId, work);
        }
    }

    /** Puts {@code gate} (the tenants' connection budgets) in front of every tenant transaction from now on. */
    public void gateTenantTransactions(TenantGate gate) {
        this.tenantGate = requireNonNull(gate, "gate is null");
    }

    /** A transaction acting for every tenant, as {@value #PLATFORM_ROLE}: platform housekeeping such as the sweeper. */
    public <T> T inPlatformTransaction(Function<EntityManager, T> work) {
        return inTransaction(platformUnit, platformDataSource, platformRequestPool, null, work);
    }

    private static <T> T inTransaction(PersistenceUnit unit, DataSource pool, RequestPool requests, String tenantId,
            Function<EntityManager, T> work) {
        if (requests != null && RequestPool.isServing()) {
            return requests.call(() -> runTransaction(unit, requests.dataSource(), requests.networkTimeout(), tenantId,
                    work));
        }
        return runTransaction(unit, pool, null, tenantId, work);
    }

    private static <T> T runTransaction(PersistenceUnit unit, DataSource pool, Duration networkTimeout, String tenantId,
            Function<EntityManager, T> work) {
        Connection connection = unit.connect(pool);
        try (Session entityManager = unit.open(connection)) {
            EntityTransaction transaction = entityManager.getTransaction();
            transaction.begin();
            try {
                if (networkTimeout != null) {
                    // A stopped or unreachable Postgres leaves a read waiting forever; a request waits this long.
                    // The pool restores the connection's own timeout when it is returned.
                    onConnection(entityManager, jdbc -> {
                        jdbc.setNetworkTimeout(Runnable::run, (int) networkTimeout.toMillis());
                        return null;
                    });
                }
                if (tenantId != null) {
                    // For this transaction only, so that no pooled connection keeps it.
                    execute(entityManager, "select set_config(?, ?, true)", TENANT_SETTING, tenantId);
                }
                // Bound through the commit: its flush may persist entities (cascades) that need the tenant.
                try (TransactionScope.Scope bound = TransactionScope.bind(entityManager, tenantId)) {
                    T result = work.apply(entityManager);
                    transaction.commit();
                    return result;
                }
            } catch (RuntimeException | Error e) {
                if (transaction.isActive()) {
                    try {
                        transaction.rollback();
                    } catch (RuntimeException rollbackFailure) {
                        e.addSuppressed(rollbackFailure);
                    }
                }
                throw e;
            }
        } finally {
            release(connection);
        }
    }

    /** Back to its pool, which rolls back what is left open and drops a connection that broke. */
    private static void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("a connection failed to close; its pool drops it: {}", e.toString());
        }
    }

    /**
     * Runs {@code work} on the JDBC connection of {@code entityManager}'s transaction. For the statements run once per
     * message (the transaction's role, inbox, outbox): a native query through Hibernate cost about as much CPU as the
     * round trip itself, JDBC a fraction of it. Hibernate does not flush pending entity changes first.
     */
    public static <T> T onConnection(EntityManager entityManager, ReturningWork<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work);
    }

    /** One statement through {@link #onConnection}; returns its update count, or -1 when it returned rows. */
    public static int execute(EntityManager entityManager, String sql, Object... parameters) {
        return onConnection(entityManager, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return statement.execute() ? -1 : statement.getUpdateCount();
            }
        });
    }

    /** Closes the persistence units; the pools belong to whoever made them. */
    @Override
    public void close() {
        platformUnit.close();
        pluginUnits.values().stream().filter(unit -> unit != platformUnit).distinct().forEach(PersistenceUnit::close);
    }
}
