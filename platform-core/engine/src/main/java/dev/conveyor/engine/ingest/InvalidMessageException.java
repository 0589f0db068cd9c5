package dev.conveyor.engine.ingest;

import dev.conveyor.sdk.Violation;
import java.util.List;

/** A submitted payload breaks its message type's rules; every violation is listed. */
public final class InvalidMessageException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidMessageException(String messageType, List<Violation> violations) {
        super(messageType + " is invalid: " + String.join("; ", violations.stream().map(Violation::toString).toList()));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
