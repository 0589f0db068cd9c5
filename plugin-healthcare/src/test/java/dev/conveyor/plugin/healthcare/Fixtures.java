package dev.conveyor.plugin.healthcare;

import dev.conveyor.plugin.healthcare.appointment.AppointmentRequest;
import dev.conveyor.plugin.healthcare.appointment.Patient;
import dev.conveyor.plugin.healthcare.scheduling.PreferredSlot;
import dev.conveyor.plugin.healthcare.settings.Clinic;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Clinics and requests for tests, to be bent one field at a time. 2026-03-03 is a Tuesday. */
public final class Fixtures {

    public static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    public static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

    private Fixtures() {
    }

    /** Downtown Clinic, New York: weekdays 08:00-17:00, 30-minute slots, two patients each. */
    public static Clinic downtown() {
        return new Clinic("downtown", "Downtown Clinic", "1 Main St, Springfield", ZoneId.of("America/New_York"),
                LocalTime.of(8, 0), LocalTime.of(17, 0), WEEKDAYS, 30, 2);
    }

    /** Uptown Clinic, Los Angeles: Mondays and Wednesdays 09:00-12:00, one-hour slots, one patient each. */
    public static Clinic uptown() {
        return new Clinic("uptown", "Uptown Clinic", "9 Hill Rd, Shelbyville", ZoneId.of("America/Los_Angeles"),
                LocalTime.of(9, 0), LocalTime.of(12, 0), EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), 60, 1);
    }

    public static Clinic clinic(String id, String zone, LocalTime opens, LocalTime closes, Set<DayOfWeek> days, int slotMinutes) {
        return new Clinic(id, id + " clinic", "1 " + id + " St", ZoneId.of(zone), opens, closes, days, slotMinutes, 1);
    }

    public static PreferredSlot preference(String date, String from, String to) {
        return new PreferredSlot(LocalDate.parse(date), LocalTime.parse(from), LocalTime.parse(to));
    }

    public static Patient patient() {
        return new Patient("P-1", "Jane Doe", "jane@example.com", "+1 212 555 0100", LocalDate.of(1980, 4, 23));
    }

    public static AppointmentRequest request() {
        return new AppointmentRequest("REQ-1", patient(), List.of(preference("2026-03-03", "09:00", "12:00")),
                List.of("downtown"), "Annual check-up");
    }

    public static final String CLINICS_JSON = """
            [{"id": "downtown", "name": "Downtown Clinic", "address": "1 Main St, Springfield",
              "timeZone": "America/New_York", "opens": "08:00", "closes": "17:00",
              "days": ["MON", "TUE", "WED", "THU", "FRI"], "slotMinutes": 30, "capacity": 2}]
            """;
}
