package dev.conveyor.server.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** How the console's pages write times (in UTC, to the minute; the exact instant is in the element's datetime). */
@Component("consoleFormat")
public class ConsoleFormat {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    public String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }
}
