package dev.conveyor.engine.database;

import java.util.List;

/**
 * A process told not to migrate found the database behind its code: the release's migrations have not run. Its
 * message names what is missing and the fix, for the operator who reads why a pod does not start.
 */
public final class SchemaNotMigratedException extends IllegalStateException {

    private final List<String> problems;

    SchemaNotMigratedException(List<String> problems) {
        super("the database schema is behind this release: " + String.join("; ", problems) + ". Run this release's"
                + " migrations once before its pods start (the server with --conveyor.mode=migrate, CONVEYOR_MODE=migrate;"
                + " the Helm chart's migration Job does this), or let this process migrate at start with"
                + " conveyor.database.migrate-on-start=true");
        this.problems = List.copyOf(problems);
    }

    /** One sentence per platform part or plugin that is behind. */
    public List<String> problems() {
        return problems;
    }
}
