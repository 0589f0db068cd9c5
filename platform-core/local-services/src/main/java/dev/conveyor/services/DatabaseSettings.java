package dev.conveyor.services;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/** How to reach a Postgres server. */
public record DatabaseSettings(String jdbcUrl, String user, String password) {

    public DatabaseSettings {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }

    /** An existing server named by {@code CONVEYOR_DB_URL}, {@code CONVEYOR_DB_USER}, {@code CONVEYOR_DB_PASSWORD}. */
    public static Optional<DatabaseSettings> fromEnvironment() {
        String url = System.getenv("CONVEYOR_DB_URL");
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new DatabaseSettings(url,
                Optional.ofNullable(System.getenv("CONVEYOR_DB_USER")).orElse("postgres"),
                Optional.ofNullable(System.getenv("CONVEYOR_DB_PASSWORD")).orElse("")));
    }
}
