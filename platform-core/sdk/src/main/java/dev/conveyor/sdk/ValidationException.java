package dev.conveyor.sdk;

import java.util.List;

/** Input that breaks rules, with every broken rule; the API answers 400 listing them. */
public class ValidationException extends RuntimeException {

    private final List<Violation> violations;

    public ValidationException(String subject, List<Violation> violations) {
        super(subject + " is invalid: " + String.join("; ", violations.stream().map(Violation::toString).toList()));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
