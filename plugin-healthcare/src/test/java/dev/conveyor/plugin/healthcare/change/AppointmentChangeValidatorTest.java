package dev.conveyor.plugin.healthcare.change;

import static dev.conveyor.plugin.healthcare.Fixtures.preference;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.sdk.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

final class AppointmentChangeValidatorTest {

    private final AppointmentChangeValidator validator = new AppointmentChangeValidator();

    @Test
    void acceptsACancelAndAReschedule() {
        assertThat(validator.validate(new AppointmentChange("4f1c0e1a-0000-4000-8000-000000000001", ChangeKind.CANCEL, null,
                "Feeling better"))).isEmpty();
        assertThat(validator.validate(new AppointmentChange("A-1", ChangeKind.RESCHEDULE,
                List.of(preference("2026-03-05", "09:00", "12:00")), null))).isEmpty();
    }

    @Test
    void reportsAMissingChangeAndMissingFields() {
        assertThat(validator.validate(null)).extracting(Violation::field).containsExactly("$");
        assertThat(validator.validate(new AppointmentChange(null, null, null, null))).containsExactly(
                new Violation("appointmentId", "is required"),
                new Violation("kind", "is required: CANCEL or RESCHEDULE"));
    }

    @Test
    void wantsPreferencesForARescheduleAndNoneForACancel() {
        assertThat(validator.validate(new AppointmentChange("A-1", ChangeKind.RESCHEDULE, List.of(), null)))
                .extracting(Violation::field).containsExactly("preferences");
        assertThat(validator.validate(new AppointmentChange("A-1", ChangeKind.RESCHEDULE,
                List.of(preference("2026-03-05", "12:00", "09:00")), null)))
                .containsExactly(new Violation("preferences[0].to", "must be after from (12:00), was 09:00"));
        assertThat(validator.validate(new AppointmentChange("A-1", ChangeKind.CANCEL,
                List.of(preference("2026-03-05", "09:00", "12:00")), null)))
                .containsExactly(new Violation("preferences", "only a RESCHEDULE takes preferred slots; leave them out of a CANCEL"));
    }

    @Test
    void reportsAMalformedIdAndALongReason() {
        assertThat(validator.validate(new AppointmentChange("A 1", ChangeKind.CANCEL, null, "r".repeat(501)))).containsExactly(
                new Violation("appointmentId", "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'"),
                new Violation("reason", "has 501 characters; at most 500 are allowed"));
    }
}
