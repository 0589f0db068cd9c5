package dev.conveyor.plugin.healthcare.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.settings.NotificationChannel;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
}
