package dev.conveyor.plugin.healthcare.scheduling;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A time a patient can come: on {@code date}, an appointment that starts at {@code from} or later and ends by
 * {@code to}. The times are wall-clock times at the clinic, in the clinic's own time zone.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreferredSlot(LocalDate date, LocalTime from, LocalTime to) {
}
