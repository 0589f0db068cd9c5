package dev.conveyor.plugin.healthcare.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.settings.NotificationChannel;
import dev.conveyor.sdk.Contact;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.NotificationRequest;
import dev.conveyor.sdk.Subject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Records what a patient is told, on each of the tenant's channels the patient gave a contact for, once per
 * (appointment, version, channel, kind): a redelivery or a copy records nothing more, and unique (tenant, appointment,
 * version, channel, kind) settles a race.
 */
public final class PatientNotifier {

    private static final System.Logger log = System.getLogger(PatientNotifier.class.getName());

    private final List<NotificationChannel> channels;

    public PatientNotifier(List<NotificationChannel> channels) {
        this.channels = requireNonNull(channels, "channels is null").stream().distinct().toList();
    }

    /** Records {@code message} about {@code version} of the appointment; returns the channels recorded now. */
    public List<NotificationChannel> record(PatientNotifications notifications, Appointment appointment, int version,
            NotificationKind kind, String message, Instant now) {
        List<NotificationChannel> recorded = new ArrayList<>();
        boolean reachable = false;
        for (NotificationChannel channel : channels) {
            String recipient = switch (channel) {
                case EMAIL -> appointment.patientEmail();
                case SMS -> appointment.patientPhone();
            };
            if (recipient == null) {
                continue;
            }
            reachable = true;
            if (!notifications.existsByAppointmentIdAndVersionAndChannelAndKind(appointment.appointmentId(), version, channel,
                    kind)) {
                notifications.save(new PatientNotification(appointment.appointmentId(), version, channel, kind, recipient,
                        message, now));
                recorded.add(channel);
            }
        }
        if (!reachable) {
            log.log(Level.WARNING, "appointment {0} of tenant {1}: the patient has no contact for the enabled channels {2}, "
                    + "so the {3} notification of version {4} is not recorded", appointment.appointmentId(),
                    appointment.tenantId(), channels, kind, version);
        }
        return List.copyOf(recorded);
    }

    /** How soon a cancellation or reschedule must reach the patient whatever the hour (their quiet hours included). */
    static final Duration CRITICAL_WITHIN = Duration.ofHours(24);

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    /**
     * Has the platform tell the patient (e-mail and SMS as the tenant's notification settings choose), about the
     * appointment as {@code details} describe it. A cancellation or reschedule of an appointment due within
     * 24 hours is critical: it goes through quiet hours.
     */
    public void tell(HandlerContext context, Appointment appointment, NotificationKind kind, String message,
            PatientMessages.Details details) {
        String patientId = appointment.patientId() != null ? appointment.patientId()
                : "appointment-" + appointment.appointmentId();
        Contact patient = Contact.of(patientId, appointment.patientName()).withEmail(appointment.patientEmail())
                .withPhone(appointment.patientPhone()).withTimeZone(details.timeZone());
        Instant startsAt = details.startsAt() != null ? details.startsAt() : appointment.startsAt();
        boolean soon = startsAt != null && startsAt.isBefore(context.clock().instant().plus(CRITICAL_WITHIN));
        boolean critical = soon && (kind == NotificationKind.CANCELLED || kind == NotificationKind.RESCHEDULED);
        String when = startsAt == null || details.timeZone() == null ? null : WHEN.format(startsAt.atZone(details.timeZone()));
        NotificationRequest request = NotificationRequest.of("appointment." + kind.name().toLowerCase(Locale.ROOT), patient,
                Subject.of("appointment", appointment.appointmentId()), new AppointmentNews(message,
                        appointment.appointmentId(), details.clinicName(), details.clinicAddress(), when));
        context.notify(critical ? request.asCritical() : request);
    }

    /** What a notification's templates show: the composed text, and the appointment's details for tenants' templates. */
    public record AppointmentNews(String message, String appointmentId, String clinicName, String clinicAddress,
            String startsAt) {
    }
}
