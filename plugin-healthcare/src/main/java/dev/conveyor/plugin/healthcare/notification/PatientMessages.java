package dev.conveyor.plugin.healthcare.notification;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The short text a patient reads about an appointment, with its date and times in the clinic's time zone. The
 * same text serves e-mail and SMS. English only until tenants can choose a language.
 */
public final class PatientMessages {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    private PatientMessages() {
    }

    /**
     * For example "Your appointment is booked: Tue 3 Mar 2026, 09:30-10:00 EST at Downtown Clinic, 1 Main St,
     * Springfield. Reference: 4f1c…".
     */
    public static String compose(NotificationKind kind, Details details) {
        requireNonNull(kind, "kind is null");
        requireNonNull(details, "details is null");
        return switch (kind) {
            case BOOKED -> "Your appointment is booked: " + when(details) + " at " + where(details) + ". Reference: "
                    + details.appointmentId() + ".";
            case RESCHEDULED -> "Your appointment has moved to " + when(details) + " at " + where(details) + ". Reference: "
                    + details.appointmentId() + ".";
            case CANCELLED -> "Your appointment on " + when(details) + " at " + details.clinicName() + " is cancelled. Reference: "
                    + details.appointmentId() + ".";
            case REMINDER -> "Reminder: your appointment is on " + when(details) + " at " + where(details) + ". Reference: "
                    + details.appointmentId() + ".";
            case DECLINED -> "We could not book an appointment for your request " + details.requestId() + ": "
                    + requireNonNull(details.declineReason(), "declineReason is null") + ".";
        };
    }

    private static String when(Details details) {
        ZoneId zone = requireNonNull(details.timeZone(), "timeZone is null");
        ZonedDateTime start = requireNonNull(details.startsAt(), "startsAt is null").atZone(zone);
        ZonedDateTime end = requireNonNull(details.endsAt(), "endsAt is null").atZone(zone);
        return DAY.format(start) + ", " + TIME.format(start) + "-" + TIME.format(end) + " " + ZONE.format(start);
    }

    private static String where(Details details) {
        return requireNonNull(details.clinicName(), "clinicName is null") + ", "
                + requireNonNull(details.clinicAddress(), "clinicAddress is null");
    }

    /** What a message may mention; the clinic and times are absent for a declined request. */
    public record Details(
            String appointmentId,
            String requestId,
            String clinicName,
            String clinicAddress,
            ZoneId timeZone,
            Instant startsAt,
            Instant endsAt,
            String declineReason) {

        public Details {
            requireNonNull(appointmentId, "appointmentId is null");
            requireNonNull(requestId, "requestId is null");
        }
    }
}
