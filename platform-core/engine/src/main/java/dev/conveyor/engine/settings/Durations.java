package dev.conveyor.engine.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The durations a tenant admin writes: ISO-8601 ({@code PT24H}) or a number with a unit ({@code 24h}, {@code 500ms}). */
public final class Durations {

    /** How a duration may be written, for error texts. */
    public static final String FORMS = "a duration such as 24h, 30m, 10s, 500ms, 7d or PT24H";

    private static final Pattern SHORT = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    private Durations() {
    }

    public static Optional<Duration> parse(String text) {
        String stripped = text.strip();
        Matcher matcher = SHORT.matcher(stripped);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return Optional.of(switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        try {
            return Optional.of(Duration.parse(stripped));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
