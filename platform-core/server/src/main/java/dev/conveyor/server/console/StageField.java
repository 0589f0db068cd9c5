package dev.conveyor.server.console;

import dev.conveyor.engine.settings.Durations;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.sdk.StageSettings;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The settings of a stage a tenant admin may override, as the console's form has them: named as in the API's
 * {@code PATCH .../stages/{stage}} body (so the engine's violations name the form's fields), written as people read
 * them (durations {@code 30s}, {@code 500ms}, {@code 10m}, {@code 2h}, {@code 1d}).
 */
enum StageField {

    ENABLED("enabled", "Running", "Whether the stage consumes its queue; a disabled stage leaves messages waiting.",
            Kind.YES_NO, null, StageOverride::enabled),
    CONCURRENCY("concurrency", "Concurrency", "Messages handled at once by one process (a whole number).",
            Kind.WHOLE_NUMBER, StageSettings::concurrency, StageOverride::concurrency),
    BATCH_SIZE("batchSize", "Batch size", "Messages fetched per receive, 1 to 32.",
            Kind.WHOLE_NUMBER, StageSettings::batchSize, StageOverride::batchSize),
    LEASE("lease", "Lease", "How long a received message stays hidden from other consumers (renewed while it runs).",
            Kind.DURATION, StageSettings::lease, StageOverride::lease),
    MAX_DELIVERIES("maxDeliveries", "Max deliveries", "Deliveries before a failing message becomes a dead letter.",
            Kind.WHOLE_NUMBER, StageSettings::maxDeliveries, StageOverride::maxDeliveries),
    RETRY_BACKOFF("retryBackoff", "Retry back-off", "Delay before the first retry; it doubles per delivery.",
            Kind.DURATION, StageSettings::retryBackoff, StageOverride::retryBackoff),
    MAX_RETRY_BACKOFF("maxRetryBackoff", "Max retry back-off", "The longest delay between retries.",
            Kind.DURATION, StageSettings::maxRetryBackoff, StageOverride::maxRetryBackoff),
    MAX_IDLE_POLL("maxIdlePoll", "Max idle poll", "The longest wait between receives while the queue is empty.",
            Kind.DURATION, StageSettings::maxIdlePoll, StageOverride::maxIdlePoll);

    /** How a field's value is typed. */
    enum Kind {
        YES_NO, WHOLE_NUMBER, DURATION
    }

    /** How durations are typed, for labels and error texts. */
    static final String DURATION_FORMS = "a number with a unit: 30s, 500ms, 10m, 2h or 1d";

    private final String key;
    private final String label;
    private final String help;
    private final Kind kind;
    private final Function<StageSettings, Object> setting;
    private final Function<StageOverride, Object> override;

    StageField(String key, String label, String help, Kind kind, Function<StageSettings, Object> setting,
            Function<StageOverride, Object> override) {
        this.key = key;
        this.label = label;
        this.help = help;
        this.kind = kind;
        this.setting = setting;
        this.override = override;
    }

    String key() {
        return key;
    }

    String label() {
        return label;
    }

    /** What the setting does, and for a duration how it is typed. */
    String help() {
        return kind == Kind.DURATION ? help + " Typed as " + DURATION_FORMS + "." : help;
    }

    Kind kind() {
        return kind;
    }

    /** The value in {@code settings} (for {@link #ENABLED}, {@code enabled}), as the form shows it. */
    String shown(StageSettings settings, boolean enabled) {
        return text(this == ENABLED ? enabled : setting.apply(settings));
    }

    /** The value {@code stageOverride} sets, as the form shows it, or null when it keeps the plugin's default. */
    String overridden(StageOverride stageOverride) {
        Object value = override.apply(stageOverride);
        return value == null ? null : text(value);
    }

    /**
     * The value typed into the form, read; null with a problem in {@code problems} (under this field's key) when it
     * cannot be read.
     */
    Object read(String typed, Map<String, String> problems) {
        String value = typed == null ? "" : typed.strip();
        if (value.isEmpty()) {
            problems.put(key, "enter a value");
            return null;
        }
        switch (kind) {
            case YES_NO -> {
                if (value.equals("yes") || value.equals("no")) {
                    return value.equals("yes");
                }
                problems.put(key, "must be yes or no, not '" + value + "'");
                return null;
            }
            case WHOLE_NUMBER -> {
                try {
                    return Integer.valueOf(value);
                } catch (NumberFormatException e) {
                    problems.put(key, "must be a whole number such as 16, not '" + value + "'");
                    return null;
                }
            }
            default -> {
                return Durations.parse(value).orElseGet(() -> {
                    problems.put(key, "'" + value + "' is not a duration: write " + DURATION_FORMS);
                    return null;
                });
            }
        }
    }

    /** {@code value} as the form shows it (durations as people write them: {@code 30s}, {@code 2m}, {@code 500ms}). */
    static String text(Object value) {
        return switch (value) {
            case Boolean yes -> yes ? "yes" : "no";
            case Duration duration -> duration(duration);
            default -> String.valueOf(value);
        };
    }

    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
