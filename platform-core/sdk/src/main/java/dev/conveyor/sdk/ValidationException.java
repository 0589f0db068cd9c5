package dev.conveyor.sdk;

import java.util.List;

/** Input that breaks rules, with every broken rule; the API answers 400 listing them. */
public class ValidationException extends RuntimeException {

    /** How many violations the message names; the rest are counted, so a message stays short whatever the input. */
    static final int NAMED_IN_MESSAGE = 10;

    private final List<Violation> violations;

    public ValidationException(String subject, List<Violation> violations) {
        super(subject + " is invalid: " + summary(violations));
        this.violations = List.copyOf(violations);
    }

    private static String summary(List<Violation> violations) {
        String named = String.join("; ", violations.stream().limit(NAMED_IN_MESSAGE).map(Violation::toString).toList());
        return violations.size() <= NAMED_IN_MESSAGE ? named
                : named + "; and " + (violations.size() - NAMED_IN_MESSAGE) + " more";
    }

    public List<Violation> violations() {
        return violations;
    }
}
