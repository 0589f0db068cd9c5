package dev.conveyor.engine.deadletter;

import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.envelope.MalformedMessageException;
import java.sql.SQLException;
import tools.jackson.core.JacksonException;

/**
 * Describes a failure for log lines and dead-letter reasons by codes and paths, never by the values it may quote:
 * Postgres echoes row values ({@code Key (email)=(...)}, {@code invalid input syntax for type integer: "..."}) and
 * Jackson quotes the input it could not read, and either may be a customer's personal data. The full error stays
 * in the dead letter's attempts, which only a tenant admin can read.
 */
public final class FailureDescription {

    private FailureDescription() {
    }

    public static String of(Throwable failure) {
        if (failure == null) {
            return "unknown error";
        }
        if (failure instanceof MalformedMessageException) {
            return failure.getMessage(); // written by the codec and the engine without values
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                String constraint = constraintOf(failure);
                return "database error SQLState " + sql.getSQLState()
                        + (constraint == null ? "" : " on constraint " + constraint)
                        + " (" + failure.getClass().getName() + ")";
            }
            if (cause instanceof JacksonException json) {
                return "JSON error at " + EnvelopeCodec.jsonPath(json) + ": " + EnvelopeCodec.problem(json)
                        + " (" + failure.getClass().getName() + ")";
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return failure.toString();
    }

    private static String constraintOf(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.ConstraintViolationException violation) {
                return violation.getConstraintName();
            }
        }
        return null;
    }
}
