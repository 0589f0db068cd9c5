package dev.conveyor.engine.database;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * The pool API requests borrow from (see {@link Database#servingRequest()}).
 *
 * @param size              connections it holds at most
 * @param connectionTimeout how long a request waits for one before it gives up (Hikari's minimum is 250 ms)
 * @param networkTimeout    how long a request waits for Postgres to answer on one before it gives up; above the
 *                          longest statement an API request runs
 * @param openFor           how long the circuit breaker stays open after repeated failures before it lets a probe
 *                          through; also the Retry-After given meanwhile
 */
public record RequestPoolSettings(int size, Duration connectionTimeout, Duration networkTimeout, Duration openFor) {

    public RequestPoolSettings {
        requireNonNull(connectionTimeout, "connectionTimeout is null");
        requireNonNull(networkTimeout, "networkTimeout is null");
        requireNonNull(openFor, "openFor is null");
        if (size < 1) {
            throw new IllegalArgumentException("the request pool needs at least one connection, not " + size);
        }
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("the request pool's connection timeout must be at least 250 ms, not "
                    + connectionTimeout.toMillis() + " ms");
        }
    }
}
