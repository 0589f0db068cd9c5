package dev.conveyor.plugin.healthcare.appointment;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.HealthcarePlugin;
import dev.conveyor.plugin.healthcare.scheduling.ClinicSlots;
import dev.conveyor.plugin.healthcare.scheduling.ClinicWindow;
import dev.conveyor.plugin.healthcare.scheduling.Slot;
import dev.conveyor.plugin.healthcare.scheduling.SlotCandidates;
import dev.conveyor.plugin.healthcare.scheduling.SlotLedger;
import dev.conveyor.plugin.healthcare.settings.Clinic;
import dev.conveyor.plugin.healthcare.settings.HealthcareSettings;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.Violation;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code management} stage: turns each request, once per (tenant, requestId), into an appointment, booked
 * into the first free slot that fits the patient's preferences or declined with a reason, and announces it on
 * the assignment queue either way (so the patient is told). A booked appointment gets its reminder scheduled.
 * A request that breaks a rule of {@link RequestRules} ends as a declined appointment the client can read.
 */
public final class ManagementHandler implements Handler<AppointmentRequest> {

    private static final System.Logger log = System.getLogger(ManagementHandler.class.getName());

    private final HealthcareSettings settings;

    public ManagementHandler(HealthcareSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void handle(AppointmentRequest request, HandlerContext context) {
        Appointments appointments = context.repository(Appointments.class);
        String tenantId = context.tenantId();
        // A foreign producer may send one request twice under different message ids; the inbox cannot see that, the
        // business key can. Two concurrent copies collide on unique (tenant_id, request_id), and the loser's retry
        // (its slot booking rolled back with it) lands here.
        if (appointments.findByRequestId(request.requestId()).isPresent()) {
            log.log(Level.INFO, "request {0} of tenant {1} already has its appointment; message {2} is ignored",
                    request.requestId(), tenantId, context.messageId());
            return;
        }
        Instant now = context.clock().instant();
        List<Violation> violations = RequestRules.check(request, now, settings);
        String appointmentId = UUID.randomUUID().toString();
        Appointment appointment;
        if (!violations.isEmpty()) {
            appointment = Appointment.declined(appointmentId, request, "the request is invalid: " + describe(violations),
                    context.messageTime(), now);
        } else {
            List<Clinic> clinics = SlotCandidates.clinicOrder(request.clinicPreferences(), settings.clinics());
            List<ClinicWindow> windows = SlotCandidates.windows(request.preferences(), clinics, now);
            Optional<Slot> slot = SlotLedger.bookFirstFree(context.repository(ClinicSlots.class), tenantId, windows,
                    candidate -> false);
            appointment = slot.isPresent()
                    ? Appointment.booked(appointmentId, request, slot.get(), context.messageTime(), now)
                    : Appointment.declined(appointmentId, request, SlotCandidates.noSlotReason(windows), context.messageTime(),
                            now);
        }
        appointments.save(appointment);
        context.send(HealthcarePlugin.ASSIGNMENT_QUEUE, AppointmentAssigned.of(appointment));
        AppointmentEvents.publish(context, appointment, settings);
        if (appointment.status() == AppointmentStatus.BOOKED) {
            Reminders.schedule(context, appointment, settings.reminderLeadTime());
        }
        log.log(Level.INFO, "request {0} of tenant {1}: appointment {2} {3}", request.requestId(), tenantId, appointmentId,
                appointment.status());
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
