package dev.conveyor.plugin.healthcare.settings;

import java.time.DayOfWeek;

/** A day a clinic is open, as its settings name it. */
public enum OpeningDay {
    MON,
    TUE,
    WED,
    THU,
    FRI,
    SAT,
    SUN;

    public static OpeningDay of(DayOfWeek day) {
        return values()[day.ordinal()];
    }
}
