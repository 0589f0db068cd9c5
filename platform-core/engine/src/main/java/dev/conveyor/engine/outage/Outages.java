package dev.conveyor.engine.outage;

import com.azure.core.exception.HttpResponseException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells an outage of the platform's own infrastructure (Postgres unreachable, out of connections, shutting down;
 * the storage service holding a claimed payload unreachable) from a failure of the handler. An outage is not
 * the message's fault: it does not count as a delivery and never dead-letters; the message waits for the
 * dependency instead. Failures of third parties a handler calls (a system of record, say) stay the handler's.
 */
public final class Outages {

    /** SQLSTATEs of a server that is going away or cannot take the connection; class 08 (connection) is added. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of(
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now (starting up, recovering)
            "53300", // too_many_connections
            "53400"  // configuration_limit_exceeded
    );

    private Outages() {
    }

    /** Whether {@code failure}, or anything that caused it, is an outage of the platform's infrastructure. */
    public static boolean isOutage(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof InfrastructureUnavailableException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a call to the storage service failed because the service is away or overloaded (no answer, a
     * timeout, 408, 429 or 5xx) rather than because of the request (a missing queue, a message too large).
     */
    public static boolean isStorageOutage(Throwable failure) {
        Throwable cause = storageCause(failure);
        if (cause instanceof HttpResponseException http) {
            int status = http.getResponse().getStatusCode();
            return status >= 500 || status == 408 || status == 429;
        }
        return cause != null;
    }

    /**
     * What went wrong, as a category fit to show a tenant: "HTTP 404", "no answer (ConnectException)"; never the
     * message text of a remote error.
     */
    public static String category(Throwable failure) {
        Throwable cause = storageCause(failure);
        if (cause instanceof HttpResponseException http) {
            return "HTTP " + http.getResponse().getStatusCode();
        }
        return cause != null ? "no answer (" + cause.getClass().getSimpleName() + ")" : failure.getClass().getSimpleName();
    }

    /** The first answer of the storage service (with a status) or network failure behind {@code failure}, or null. */
    private static Throwable storageCause(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof HttpResponseException http && http.getResponse() != null
                    || cause instanceof IOException || cause instanceof TimeoutException) {
                return cause;
            }
        }
        return null;
    }

    /** A dependency of the platform did not answer; thrown where the platform calls it, so the cause is certain. */
    public static final class InfrastructureUnavailableException extends RuntimeException {
        public InfrastructureUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
