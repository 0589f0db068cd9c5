package dev.conveyor.plugin.healthcare.scheduling;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A time a patient can come: on {@code date}, an appointment that starts at {@code from} or later and ends by
 * {@code to}. The times are wall-clock times at the clinic, in the clinic's own time zone. That {@code to} comes after
 * {@code from} is checked by {@link PreferredSlots}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreferredSlot(
        @NotNull(message = "is required: a date such as 2026-03-03") LocalDate date,
        @NotNull(message = "is required: the earliest start, such as 09:00") LocalTime from,
        @NotNull(message = "is required: the latest end, such as 12:00") LocalTime to) {
}
