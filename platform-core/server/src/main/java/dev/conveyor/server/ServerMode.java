package dev.conveyor.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * What one run of the server does ({@code conveyor.mode}). Read before Spring starts, since it decides which
 * application starts: from the command line, a system property or {@code CONVEYOR_MODE}.
 */
enum ServerMode {
    /** The server: API and the stages {@code conveyor.stages} names. */
    SERVE,
    /** The database migrations of the platform and every installed plugin, once per release, then exit. */
    MIGRATE;

    static ServerMode of(String... args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        String mode = environment.getProperty("conveyor.mode", "serve").strip();
        try {
            return valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("conveyor.mode '" + mode + "' is unknown (modes: " + Arrays.stream(values())
                    .map(value -> value.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")) + ")", e);
        }
    }
}
