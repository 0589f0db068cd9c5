package dev.conveyor.plugin.healthcare.sync;

import static dev.conveyor.plugin.healthcare.Fixtures.system;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.healthcare.Fixtures;
import dev.conveyor.plugin.healthcare.HealthcarePlugin;
import dev.conveyor.plugin.healthcare.InMemoryRepositories;
import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.AppointmentAssigned;
import dev.conveyor.plugin.healthcare.appointment.AppointmentStatus;
import dev.conveyor.plugin.healthcare.appointment.ManagementHandler;
import dev.conveyor.plugin.healthcare.settings.HealthcareSettings;
import dev.conveyor.testkit.unit.TestHandlerContext;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The data-sync and sync-retry stages: posts after commit through the platform's egress client, statuses, retries. */
final class DataSyncTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final InMemoryRepositories repositories = new InMemoryRepositories();
    private final HealthcareSettings settings = Fixtures.settingsSyncingTo(system("ehr"), system("billing"));
    private final DataSyncHandler dataSync = new DataSyncHandler(settings.systemsOfRecord());
    private final SyncRetryHandler syncRetry = new SyncRetryHandler(settings.systemsOfRecord());
    private final FakeEgress http = new FakeEgress();
    private Appointment appointment;
    private String id;

    @BeforeEach
    void bookAnAppointment() {
        new ManagementHandler(settings).handle(Fixtures.request(), repositories.context(HealthcarePlugin.MANAGEMENT).at(NOW));
        appointment = repositories.appointments.only();
        id = appointment.appointmentId();
    }

    @Test
    void postsEachVersionToEverySystemAfterCommitAndRecordsItSynced() throws Exception {
        TestHandlerContext context = sync(AppointmentAssigned.of(appointment));

        assertThat(repositories.syncStatuses.all()).extracting(SyncStatus::status).containsOnly(SyncState.RETRYING);
        assertThat(context.sent()).containsExactly(
                new TestHandlerContext.Sent("SyncRetryQueue", new SyncRetryDue(id, 1, "ehr", 1), NOW.plus(SyncDelivery.RECOVERY_DELAY)),
                new TestHandlerContext.Sent("SyncRetryQueue", new SyncRetryDue(id, 1, "billing", 1),
                        NOW.plus(SyncDelivery.RECOVERY_DELAY)));
        assertThat(context.pendingCalls()).hasSize(2);
        assertThat(http.posts()).as("nothing is posted inside the handler's transaction").isEmpty();

        context.runPendingCalls(http);

        assertThat(http.posts()).extracting(post -> post.uri().getHost()).containsExactly("ehr.example.com", "billing.example.com");
        assertThat(http.posts()).allSatisfy(post -> assertThat(post.headers()).containsEntry("Idempotency-Key", id + "-v1"));
        assertThat(repositories.syncStatuses.all()).allSatisfy(status -> {
            assertThat(status.status()).isEqualTo(SyncState.SYNCED);
            assertThat(status.attempts()).isEqualTo(1);
            assertThat(status.nextAttemptAt()).isNull();
        });
    }

    @Test
    void aFailedSystemIsRetriedAloneWithBackoffWhileTheOthersStaySynced() throws Exception {
        TestHandlerContext context = sync(AppointmentAssigned.of(appointment));
        context.runPendingCalls(http.answering("billing.example.com", 503));

        SyncStatus billing = repositories.syncStatuses.get(id, 1, "billing");
        assertThat(repositories.syncStatuses.get(id, 1, "ehr").status()).isEqualTo(SyncState.SYNCED);
        assertThat(billing.status()).isEqualTo(SyncState.RETRYING);
        assertThat(billing.lastError()).isEqualTo("HTTP 503");
        assertThat(billing.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(context.sent()).contains(new TestHandlerContext.Sent("SyncRetryQueue", new SyncRetryDue(id, 1, "billing", 2),
                NOW.plusSeconds(30)));

        TestHandlerContext retry = retry(new SyncRetryDue(id, 1, "billing", 2), NOW.plusSeconds(30));
        FakeEgress recovered = new FakeEgress();
        retry.runPendingCalls(recovered);

        assertThat(recovered.posts()).extracting(post -> post.uri().getHost()).containsExactly("billing.example.com");
        assertThat(billing.status()).isEqualTo(SyncState.SYNCED);
        assertThat(billing.attempts()).isEqualTo(2);
    }

    @Test
    void aRetryWhoseAttemptWasRecordedMeanwhileIsStale() throws Exception {
        sync(AppointmentAssigned.of(appointment)).runPendingCalls(http);

        TestHandlerContext recovery = retry(new SyncRetryDue(id, 1, "ehr", 1), NOW.plus(SyncDelivery.RECOVERY_DELAY));

        assertThat(recovery.pendingCalls()).isEmpty();
        assertThat(recovery.sent()).isEmpty();
        assertThat(repositories.syncStatuses.get(id, 1, "ehr").attempts()).isEqualTo(1);
    }

    @Test
    void aSystemRemovedFromTheSettingsIsGivenUp() throws Exception {
        sync(AppointmentAssigned.of(appointment)).runPendingCalls(http.answering("billing.example.com", 503));
        SyncRetryHandler withoutBilling = new SyncRetryHandler(List.of(system("ehr")));

        withoutBilling.handle(new SyncRetryDue(id, 1, "billing", 2),
                repositories.context(HealthcarePlugin.SYNC_RETRY).at(NOW.plusSeconds(30)));

        SyncStatus billing = repositories.syncStatuses.get(id, 1, "billing");
        assertThat(billing.status()).isEqualTo(SyncState.FAILED);
        assertThat(billing.lastError()).isEqualTo("not sent: system 'billing' is no longer among the systems of record");
    }

    @Test
    void aVersionOvertakenBeforeItWasPostedIsSupersededNotSent() {
        AppointmentAssigned first = AppointmentAssigned.of(appointment);
        appointment.cancel(NOW);

        TestHandlerContext context = sync(first);

        assertThat(context.pendingCalls()).isEmpty();
        assertThat(repositories.syncStatuses.all()).allSatisfy(status -> {
            assertThat(status.status()).isEqualTo(SyncState.SUPERSEDED);
            assertThat(status.lastError()).isEqualTo("not sent: version 2 of the appointment came first");
        });
    }

    @Test
    void aRedeliveredAssignmentIsNotPostedAgain() throws Exception {
        sync(AppointmentAssigned.of(appointment)).runPendingCalls(http);

        assertThat(sync(AppointmentAssigned.of(appointment)).pendingCalls()).isEmpty();
        assertThat(http.posts()).hasSize(2);
    }

    @Test
    void aDeclinedRequestIsNotSynced() {
        AppointmentAssigned declined = new AppointmentAssigned(id, "REQ-1", 1, AppointmentStatus.DECLINED, null, null, null,
                null, null, "no free slot", "P-1");

        TestHandlerContext context = sync(declined);

        assertThat(context.pendingCalls()).isEmpty();
        assertThat(repositories.syncStatuses.all()).isEmpty();
    }

    private TestHandlerContext sync(AppointmentAssigned assigned) {
        TestHandlerContext context = repositories.context(HealthcarePlugin.DATA_SYNC).at(NOW);
        dataSync.handle(assigned, context);
        return context;
    }

    private TestHandlerContext retry(SyncRetryDue due, Instant at) {
        TestHandlerContext context = repositories.context(HealthcarePlugin.SYNC_RETRY).at(at);
        syncRetry.handle(due, context);
        return context;
    }
}
