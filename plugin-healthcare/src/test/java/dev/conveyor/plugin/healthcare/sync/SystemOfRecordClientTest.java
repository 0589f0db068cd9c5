package dev.conveyor.plugin.healthcare.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.healthcare.appointment.AppointmentStatus;
import dev.conveyor.plugin.healthcare.settings.SystemOfRecord;
import dev.conveyor.sdk.EgressException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The client as a system of record sees its posts, through the platform's egress client (here a fake of it). */
final class SystemOfRecordClientTest {

    private static final Instant NOW = Instant.parse("2026-03-03T12:00:00Z");
    private static final SyncPayload PAYLOAD = new SyncPayload("A-1", "REQ-1", "P-1", 2, AppointmentStatus.RESCHEDULED,
            "downtown", Instant.parse("2026-03-05T14:30:00Z"), Instant.parse("2026-03-05T15:00:00Z"));

    private final FakeEgress http = new FakeEgress();

    @Test
    void postsASignedMinimalPayloadToEverySystem() {
        assertThat(SystemOfRecordClient.post(http, system("ehr", "ehr-secret"), PAYLOAD, NOW)).isEqualTo(SyncOutcome.success());
        assertThat(SystemOfRecordClient.post(http, system("billing", "billing-secret"), PAYLOAD, NOW))
                .isEqualTo(SyncOutcome.success());
        FakeEgress.Post ehr = http.posts().get(0);
        assertThat(ehr.uri()).isEqualTo(URI.create("https://ehr.example.com/hooks"));
        assertThat(ehr.headers()).containsEntry("Content-Type", "application/json");
        assertThat(ehr.headers()).containsEntry("X-Conveyor-Signature", SyncSignature.sign("ehr-secret", ehr.body()));
        assertThat(http.posts().get(1).headers()).containsEntry("X-Conveyor-Signature",
                SyncSignature.sign("billing-secret", ehr.body()));
        assertThat(ehr.headers()).containsEntry("X-Conveyor-Timestamp", "1772539200");
        assertThat(ehr.headers()).containsEntry("Idempotency-Key", "A-1-v2");
        assertThat(ehr.timeout()).isEqualTo(SystemOfRecordClient.TIMEOUT);
        assertThat(new String(ehr.body(), StandardCharsets.UTF_8)).isEqualTo("{\"appointmentId\":\"A-1\",\"requestId\":\"REQ-1\","
                + "\"patientId\":\"P-1\",\"version\":2,\"status\":\"RESCHEDULED\",\"clinicId\":\"downtown\","
                + "\"startsAt\":\"2026-03-05T14:30:00Z\",\"endsAt\":\"2026-03-05T15:00:00Z\"}");
    }

    @Test
    void reportsAnErrorStatusWithoutFailingTheOthers() {
        http.answering("billing.example.com", 503);

        assertThat(SystemOfRecordClient.post(http, system("ehr", "s"), PAYLOAD, NOW)).isEqualTo(SyncOutcome.success());
        assertThat(SystemOfRecordClient.post(http, system("billing", "s"), PAYLOAD, NOW)).isEqualTo(SyncOutcome.failed("HTTP 503"));
    }

    @Test
    void reportsACallWithoutAnswerByItsCategoryOnly() {
        http.failing("ehr.example.com", EgressException.Category.CONNECTION_FAILED)
                .failing("internal.example.com", EgressException.Category.REFUSED);

        // A category, not the exception's text (which would tell a tenant about the platform's network).
        assertThat(SystemOfRecordClient.post(http, system("ehr", "s"), PAYLOAD, NOW))
                .isEqualTo(SyncOutcome.failed("connection failed"));
        assertThat(SystemOfRecordClient.post(http, system("internal", "s"), PAYLOAD, NOW))
                .isEqualTo(SyncOutcome.failed("refused by egress policy"));
    }

    private static SystemOfRecord system(String name, String secret) {
        return new SystemOfRecord(name, URI.create("https://" + name + ".example.com/hooks"), secret);
    }
}
