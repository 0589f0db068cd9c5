package dev.conveyor.plugin.healthcare;

import dev.conveyor.plugin.healthcare.appointment.AppointmentRequest;
import dev.conveyor.plugin.healthcare.appointment.Patient;
import dev.conveyor.plugin.healthcare.scheduling.PreferredSlot;
import dev.conveyor.plugin.healthcare.settings.Clinic;
import dev.conveyor.plugin.healthcare.settings.HealthcareSettings;
import dev.conveyor.plugin.healthcare.settings.NotificationChannel;
import dev.conveyor.plugin.healthcare.settings.OpeningDay;
import dev.conveyor.plugin.healthcare.settings.SystemOfRecord;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Clinics, settings and requests for tests, to be bent one field at a time. 2026-03-03 is a Tuesday. */
public final class Fixtures {

    public static final Set<OpeningDay> WEEKDAYS = EnumSet.range(OpeningDay.MON, OpeningDay.FRI);
    public static final Set<OpeningDay> EVERY_DAY = EnumSet.allOf(OpeningDay.class);

    private Fixtures() {
    }

    /** Downtown Clinic, New York: weekdays 08:00-17:00, 30-minute slots, two patients each; asks for the insurance card. */
    public static Clinic downtown() {
        return new Clinic("downtown", "Downtown Clinic", "1 Main St, Springfield", ZoneId.of("America/New_York"),
                LocalTime.of(8, 0), LocalTime.of(17, 0), WEEKDAYS, 30, 2, "Your insurance card");
    }

    /** Uptown Clinic, Los Angeles: Mondays and Wednesdays 09:00-12:00, one-hour slots, one patient each. */
    public static Clinic uptown() {
        return new Clinic("uptown", "Uptown Clinic", "9 Hill Rd, Shelbyville", ZoneId.of("America/Los_Angeles"),
                LocalTime.of(9, 0), LocalTime.of(12, 0), EnumSet.of(OpeningDay.MON, OpeningDay.WED), 60, 1);
    }

    public static Clinic clinic(String id, String zone, LocalTime opens, LocalTime closes, Set<OpeningDay> days, int slotMinutes) {
        return new Clinic(id, id + " clinic", "1 " + id + " St", ZoneId.of(zone), opens, closes, days, slotMinutes, 1);
    }

    /** Downtown and Uptown, no system of record, reminders a day ahead by e-mail and SMS. */
    public static HealthcareSettings settings() {
        return new HealthcareSettings(List.of(downtown(), uptown()), List.of(), Duration.ofHours(24),
                List.of(NotificationChannel.EMAIL, NotificationChannel.SMS));
    }

    /** {@link #settings()} syncing to {@code systems}. */
    public static HealthcareSettings settingsSyncingTo(SystemOfRecord... systems) {
        HealthcareSettings settings = settings();
        return new HealthcareSettings(settings.clinics(), List.of(systems), settings.reminderLeadTime(),
                settings.notificationChannels());
    }

    public static SystemOfRecord system(String name) {
        return new SystemOfRecord(name, URI.create("https://" + name + ".example.com/hooks/appointments"), name + "-secret");
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

    public static AppointmentRequest request(String requestId, PreferredSlot preference) {
        return new AppointmentRequest(requestId, patient(), List.of(preference), List.of("downtown"), "Annual check-up");
    }

    /** The clinics as tenants write them in their configuration. */
    public static final String CLINICS_JSON = """
            [{"id": "downtown", "name": "Downtown Clinic", "address": "1 Main St, Springfield",
              "timeZone": "America/New_York", "opens": "08:00", "closes": "17:00",
              "days": ["MON", "TUE", "WED", "THU", "FRI"], "slotMinutes": 30, "capacity": 2,
              "whatToBring": "Your insurance card"}]
            """;
}
