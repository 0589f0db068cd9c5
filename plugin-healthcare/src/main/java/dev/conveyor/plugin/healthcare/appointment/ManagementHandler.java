package dev.conveyor.plugin.healthcare.appointment;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.scheduling.ClinicWindow;
import dev.conveyor.plugin.healthcare.scheduling.Slot;
import dev.conveyor.plugin.healthcare.scheduling.SlotCandidates;
import dev.conveyor.plugin.healthcare.scheduling.SlotLedger;
import dev.conveyor.plugin.healthcare.settings.Clinic;
import dev.conveyor.plugin.healthcare.settings.HealthcareSettings;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.PermanentFailure;
import dev.conveyor.sdk.Violation;
import jakarta.persistence.EntityManager;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The {@code management} stage: turns each request, once per (tenant, requestId), into an appointment, booked
 * into the first free slot that fits the patient's preferences or declined with a reason, and announces it on
 * the assignment queue either way (so the patient is told). A booked appointment gets its reminder scheduled.
 * A bad request ends as a declined appointment the client can read, not as a dead letter.
 */
public final class ManagementHandler implements Handler<AppointmentRequest> {

    private static final System.Logger log = System.getLogger(ManagementHandler.class.getName());

    private final String assignmentQueue;
    private final String reminderQueue;

    public ManagementHandler(String assignmentQueue, String reminderQueue) {
        this.assignmentQueue = requireNonNull(assignmentQueue, "assignmentQueue is null");
        this.reminderQueue = requireNonNull(reminderQueue, "reminderQueue is null");
    }

    @Override
    public void handle(AppointmentRequest request, HandlerContext context) {
        List<Violation> violations = new ArrayList<>(new AppointmentRequestValidator(context.clock()).validate(request));
        String requestId = request == null ? null : request.requestId();
        if (!AppointmentRequestValidator.isUsableId(requestId)) {
            // Without a usable requestId there is no key to record the decline under, nor one to read it back by.
            throw new PermanentFailure("appointment request message '" + context.messageId() + "' has no usable requestId, "
                    + "so it cannot be recorded as declined; send it again with a requestId of 1 to "
                    + AppointmentRequestValidator.MAX_ID_LENGTH + " letters, digits, '.', '_' or '-' (problems: "
                    + describe(violations) + ")");
        }
        EntityManager entityManager = context.entityManager();
        String tenantId = context.tenantId();
        // A foreign producer may send one request twice under different message ids; the inbox cannot see that, the
        // business key can. Two concurrent copies collide on unique (tenant_id, request_id), and the loser's retry
        // (its slot booking rolled back with it) lands here.
        if (Appointments.findByRequest(entityManager, tenantId, requestId).isPresent()) {
            log.log(Level.INFO, "request {0} of tenant {1} already has its appointment; message {2} is ignored",
                    requestId, tenantId, context.messageId());
            return;
        }
        HealthcareSettings settings = HealthcareSettings.of(context.config());
        violations.addAll(unknownClinics(request.clinicPreferences(), settings));
        Instant now = context.clock().instant();
        String appointmentId = UUID.randomUUID().toString();
        Appointment appointment;
        if (!violations.isEmpty()) {
            appointment = Appointment.declined(tenantId, appointmentId, request, "the request is invalid: " + describe(violations),
                    context.messageTime(), now);
        } else {
            List<Clinic> clinics = SlotCandidates.clinicOrder(request.clinicPreferences(), settings.clinics());
            List<ClinicWindow> windows = SlotCandidates.windows(request.preferences(), clinics, now);
            Optional<Slot> slot = SlotLedger.bookFirstFree(entityManager, tenantId, windows, candidate -> false);
            appointment = slot.isPresent()
                    ? Appointment.booked(tenantId, appointmentId, request, slot.get(), context.messageTime(), now)
                    : Appointment.declined(tenantId, appointmentId, request, SlotCandidates.noSlotReason(windows),
                            context.messageTime(), now);
        }
        entityManager.persist(appointment);
        context.emit(assignmentQueue, AppointmentAssigned.of(appointment));
        if (appointment.status() == AppointmentStatus.BOOKED) {
            Reminders.schedule(context, reminderQueue, appointment, settings.reminderLeadTime());
        }
        log.log(Level.INFO, "request {0} of tenant {1}: appointment {2} {3}", requestId, tenantId, appointmentId,
                appointment.status());
    }

    private static List<Violation> unknownClinics(List<String> clinicPreferences, HealthcareSettings settings) {
        if (clinicPreferences == null) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        String known = settings.clinics().stream().map(Clinic::id).collect(Collectors.joining(", "));
        for (int index = 0; index < clinicPreferences.size(); index++) {
            String clinicId = clinicPreferences.get(index);
            if (AppointmentRequestValidator.isUsableId(clinicId) && settings.clinic(clinicId).isEmpty()) {
                violations.add(new Violation("clinicPreferences[" + index + "]", "'" + clinicId + "' is not one of the clinics ("
                        + known + ")"));
            }
        }
        return violations;
    }

    static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
