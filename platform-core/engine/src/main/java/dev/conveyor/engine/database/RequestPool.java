package dev.conveyor.engine.database;

import dev.conveyor.engine.outage.Outages;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.hibernate.exception.JDBCConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections API requests use while a thread is {@link #serving() serving one}: a small pool of their own with
 * short waits (for a connection, and for Postgres to answer on it), behind a circuit breaker that opens after
 * repeated connection failures and lets a probe through now and then (half-open). While Postgres is away a request
 * therefore fails within a second with {@link DatabaseUnavailableException} (the API answers 503 with
 * Retry-After) instead of waiting out the engine pool's 30 seconds; consumers keep the engine pool and its patience.
 */
final class RequestPool {

    private static final Logger log = LoggerFactory.getLogger(RequestPool.class);
    private static final ThreadLocal<Boolean> SERVING = new ThreadLocal<>();

    private final DataSource dataSource;
    private final RequestPoolSettings settings;
    private final CircuitBreaker breaker;

    RequestPool(DataSource dataSource, RequestPoolSettings settings, CircuitBreaker breaker) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.breaker = requireNonNull(breaker, "breaker is null");
    }

    /**
     * The one circuit breaker of a database's request pools (application and platform): Postgres being away is one
     * fact, and a request that meets it in its first transaction should not wait it out again in its second.
     */
    static CircuitBreaker breaker(RequestPoolSettings settings) {
        CircuitBreaker breaker = CircuitBreaker.of("postgres-requests", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                // A busy pool (every connection in use) is load, not an outage: it is answered 503 but does not open
                // the circuit, which would refuse everyone for a while.
                .recordException(failure -> !(failure instanceof BusyPool) && isConnectionFailure(failure))
                .build());
        breaker.getEventPublisher().onStateTransition(event -> log.warn("Postgres for API requests: circuit {}",
                event.getStateTransition()));
        return breaker;
    }

    /**
     * Marks the calling thread as serving an API request until the returned scope is closed: its transactions use
     * this pool. Scopes nest.
     */
    static Database.RequestScope serving() {
        Boolean before = SERVING.get();
        SERVING.set(Boolean.TRUE);
        return () -> {
            if (before == null) {
                SERVING.remove();
            } else {
                SERVING.set(before);
            }
        };
    }

    static boolean isServing() {
        return SERVING.get() != null;
    }

    DataSource dataSource() {
        return dataSource;
    }

    Duration networkTimeout() {
        return settings.networkTimeout();
    }

    /** Runs {@code transaction} through the breaker; a connection failure becomes {@link DatabaseUnavailableException}. */
    <T> T call(Supplier<T> transaction) {
        try {
            return breaker.executeSupplier(() -> {
                try {
                    return transaction.get();
                } catch (AssertionError e) {
                    // With assertions on (tests), pgjdbc asserts where it otherwise goes on to report the broken
                    // connection (BatchResultHandler.isAutoCommit); without them this is an SQLException.
                    if (e.getStackTrace().length > 0 && e.getStackTrace()[0].getClassName().startsWith("org.postgresql.")) {
                        throw new BrokenConnection(e);
                    }
                    throw e;
                } catch (RuntimeException e) {
                    if (isConnectionFailure(e) && waitedOnBusyPool(e)) {
                        throw new BusyPool(e);
                    }
                    throw e;
                }
            });
        } catch (CallNotPermittedException e) {
            throw new DatabaseUnavailableException("Postgres is not answering (it failed repeatedly just now); the request"
                    + " was not taken: retry after " + settings.openFor().toSeconds() + " s", settings.openFor(), false, e);
        } catch (BusyPool e) {
            throw new DatabaseUnavailableException("all " + settings.size() + " connections for API requests are busy;"
                    + " the request was not taken: retry shortly", Duration.ofSeconds(1), true, e.getCause());
        } catch (RuntimeException e) {
            if (!isConnectionFailure(e)) {
                throw e;
            }
            throw new DatabaseUnavailableException("Postgres did not answer within "
                    + settings.connectionTimeout().plus(settings.networkTimeout()).toMillis() + " ms; the request was not"
                    + " taken (or, if it was, a retry with the same Idempotency-Key returns it): retry shortly",
                    Duration.ofSeconds(1), false, e);
        }
    }

    /**
     * Whether {@code failure} is a wait for a connection that ran out while every connection was in use by other
     * requests. (A Postgres that stopped answering shows as their network timeouts, which do count.)
     */
    private boolean waitedOnBusyPool(Throwable failure) {
        boolean waited = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            waited |= cause instanceof SQLTransientConnectionException;
        }
        return waited && activeConnections() >= settings.size();
    }

    /** Connections in use now, as far as the pool tells (a Hikari pool does); -1 when it does not. */
    private int activeConnections() {
        try {
            HikariPoolMXBean pool = dataSource.isWrapperFor(HikariDataSource.class)
                    ? dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean() : null;
            return pool == null ? -1 : pool.getActiveConnections();
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Whether {@code failure} says Postgres could not be reached or answered too late (rather than refused the work). */
    static boolean isConnectionFailure(Throwable failure) {
        if (Outages.isOutage(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JDBCConnectionException || cause instanceof BrokenConnection
                    || cause instanceof SocketTimeoutException || cause instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** A wait for a connection of a pool whose every connection was in use: load, which must not open the circuit. */
    private static final class BusyPool extends RuntimeException {
        BusyPool(RuntimeException cause) {
            super(cause);
        }
    }

    private static final class BrokenConnection extends RuntimeException {
        BrokenConnection(AssertionError cause) {
            super("pgjdbc found the connection broken", cause);
        }
    }
}
