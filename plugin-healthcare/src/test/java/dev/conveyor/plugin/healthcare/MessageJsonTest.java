package dev.conveyor.plugin.healthcare;

import static dev.conveyor.testkit.unit.Constraints.violations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.healthcare.appointment.AppointmentAssigned;
import dev.conveyor.plugin.healthcare.appointment.AppointmentRequest;
import dev.conveyor.plugin.healthcare.appointment.AppointmentStatus;
import dev.conveyor.plugin.healthcare.appointment.ReminderDue;
import dev.conveyor.plugin.healthcare.change.AppointmentChange;
import dev.conveyor.plugin.healthcare.change.ChangeKind;
import dev.conveyor.plugin.healthcare.sync.SyncRetryDue;
import dev.conveyor.plugin.healthcare.view.RequestView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The messages and views through Jackson as the platform maps them, and their annotations. */
final class MessageJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void decodesACompleteRequest() {
        AppointmentRequest request = json.readValue("""
                {"requestId": "REQ-1",
                 "patient": {"patientId": "P-1", "name": "Jane Doe", "email": "jane@example.com", "phone": "+1 212 555 0100",
                             "dateOfBirth": "1980-04-23"},
                 "preferences": [{"date": "2026-03-03", "from": "09:00", "to": "12:00"},
                                 {"date": "2026-03-04", "from": "14:00", "to": "17:30"}],
                 "clinicPreferences": ["downtown", "uptown"],
                 "reason": "Annual check-up"}
                """, AppointmentRequest.class);

        assertThat(violations(request)).isEmpty();
        assertThat(request.patient().dateOfBirth()).isEqualTo(LocalDate.of(1980, 4, 23));
        assertThat(request.preferences().get(1).to()).isEqualTo(LocalTime.of(17, 30));
    }

    @Test
    void decodesARequestWithoutItsOptionalFields() {
        AppointmentRequest request = json.readValue("""
                {"requestId": "REQ-1",
                 "patient": {"patientId": "P-1", "name": "Jane Doe", "phone": "+1 212 555 0100", "dateOfBirth": "1980-04-23"},
                 "preferences": [{"date": "2026-03-03", "from": "09:00", "to": "12:00"}]}
                """, AppointmentRequest.class);

        assertThat(violations(request)).isEmpty();
        assertThat(request.clinicPreferences()).isNull();
    }

    @Test
    void decodesChanges() {
        AppointmentChange cancel = json.readValue("{\"appointmentId\": \"A-1\", \"kind\": \"CANCEL\"}", AppointmentChange.class);
        AppointmentChange reschedule = json.readValue("""
                {"appointmentId": "A-1", "kind": "RESCHEDULE", "reason": "Clash at work",
                 "preferences": [{"date": "2026-03-05", "from": "09:00", "to": "12:00"}]}
                """, AppointmentChange.class);

        assertThat(violations(cancel)).isEmpty();
        assertThat(violations(reschedule)).isEmpty();
        assertThat(reschedule.kind()).isEqualTo(ChangeKind.RESCHEDULE);
    }

    @Test
    void roundTripsTheInternalMessages() {
        AppointmentAssigned booked = new AppointmentAssigned("A-1", "REQ-1", 1, AppointmentStatus.BOOKED, "downtown",
                "Downtown Clinic", "1 Main St, Springfield", Instant.parse("2026-03-03T14:30:00Z"),
                Instant.parse("2026-03-03T15:00:00Z"), null, "P-1");
        AppointmentAssigned declined = new AppointmentAssigned("A-2", "REQ-2", 1, AppointmentStatus.DECLINED, null, null, null,
                null, null, "no free slot", null);
        ReminderDue reminder = new ReminderDue("A-1", 3);
        SyncRetryDue retry = new SyncRetryDue("A-1", 2, "ehr", 4);

        assertThat(json.readValue(json.writeValueAsString(booked), AppointmentAssigned.class)).isEqualTo(booked);
        assertThat(json.readValue(json.writeValueAsString(declined), AppointmentAssigned.class)).isEqualTo(declined);
        assertThat(json.readValue(json.writeValueAsString(reminder), ReminderDue.class)).isEqualTo(reminder);
        assertThat(json.readValue(json.writeValueAsString(retry), SyncRetryDue.class)).isEqualTo(retry);
    }

    @Test
    void showsAPendingRequestWithoutEmptyFields() {
        assertThat(json.writeValueAsString(RequestView.pending("REQ-9"))).isEqualTo("{\"requestId\":\"REQ-9\",\"state\":\"PENDING\"}");
    }
}
