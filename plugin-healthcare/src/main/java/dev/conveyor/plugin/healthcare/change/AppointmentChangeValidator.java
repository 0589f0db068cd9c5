package dev.conveyor.plugin.healthcare.change;

import dev.conveyor.plugin.healthcare.appointment.AppointmentRequestValidator;
import dev.conveyor.plugin.healthcare.scheduling.PreferredSlots;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.Violation;
import java.util.ArrayList;
import java.util.List;

/** The structural rules of an appointment change; reports every problem at once and never throws. */
public final class AppointmentChangeValidator implements MessageType.Validator<AppointmentChange> {

    @Override
    public List<Violation> validate(AppointmentChange change) {
        List<Violation> violations = new ArrayList<>();
        if (change == null) {
            violations.add(new Violation("$", "the change is missing; send a JSON object with appointmentId and kind"));
            return List.copyOf(violations);
        }
        if (change.appointmentId() == null || change.appointmentId().isBlank()) {
            violations.add(new Violation("appointmentId", "is required"));
        } else if (!AppointmentRequestValidator.isUsableId(change.appointmentId())) {
            violations.add(new Violation("appointmentId", "must be 1 to " + AppointmentRequestValidator.MAX_ID_LENGTH
                    + " characters, each a letter, digit, '.', '_' or '-'"));
        }
        if (change.kind() == null) {
            violations.add(new Violation("kind", "is required: CANCEL or RESCHEDULE"));
        } else if (change.kind() == ChangeKind.RESCHEDULE) {
            PreferredSlots.check("preferences", change.preferences(), violations);
        } else if (change.preferences() != null && !change.preferences().isEmpty()) {
            violations.add(new Violation("preferences", "only a RESCHEDULE takes preferred slots; leave them out of a CANCEL"));
        }
        if (change.reason() != null && change.reason().length() > AppointmentRequestValidator.MAX_REASON_LENGTH) {
            violations.add(new Violation("reason", "has " + change.reason().length() + " characters; at most "
                    + AppointmentRequestValidator.MAX_REASON_LENGTH + " are allowed"));
        }
        return List.copyOf(violations);
    }
}
