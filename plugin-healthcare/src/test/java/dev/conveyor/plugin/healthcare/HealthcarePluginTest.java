package dev.conveyor.plugin.healthcare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.healthcare.appointment.AppointmentRequest;
import dev.conveyor.plugin.healthcare.settings.HealthcareSettings;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Setting;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.View;
import dev.conveyor.sdk.Violation;
import dev.conveyor.testkit.unit.Constraints;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class HealthcarePluginTest {

    private final HealthcarePlugin plugin = new HealthcarePlugin();

    @Test
    void isFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(DomainPlugin.class).stream().map(ServiceLoader.Provider::type).toList())
                .contains(HealthcarePlugin.class);
    }

    @Test
    void describesItself() {
        assertThat(plugin.id()).isEqualTo("healthcare");
        assertThat(plugin.displayName()).isEqualTo("Healthcare (HealthCare Solutions)");
        assertThat(plugin.persistence().migrations()).contains("classpath:db/healthcare");
        assertThat(plugin.persistence().entities()).hasSize(4);
        assertThat(getClass().getResource("/db/healthcare/V1__healthcare.sql")).isNotNull();
    }

    @Test
    void fansAssignmentsOutToDataSyncAndNotify() {
        assertThat(plugin.topology().stages()).extracting(stage -> stage.name() + ": " + stage.consumes().name() + " -> "
                + stage.emits().stream().map(Queue::name).collect(Collectors.joining(", "))).containsExactly(
                "management: AppointmentQueue -> AssignmentQueue, ReminderQueue",
                "changes: ChangeQueue -> AssignmentQueue, ReminderQueue",
                "data-sync: AssignmentQueue -> SyncRetryQueue",
                "notify: AssignmentQueue -> ",
                "reminders: ReminderQueue -> ",
                "sync-retry: SyncRetryQueue -> SyncRetryQueue");
        assertThat(HealthcarePlugin.DATA_SYNC.settings()).isEqualTo(HealthcarePlugin.HTTP_STAGE);
        assertThat(HealthcarePlugin.SYNC_RETRY.settings()).isEqualTo(HealthcarePlugin.HTTP_STAGE);
        assertThat(HealthcarePlugin.HTTP_STAGE.concurrency()).isEqualTo(4);
        assertThat(plugin.topology().subscribers("AssignmentQueue")).extracting(Stage::name)
                .containsExactly("data-sync", "notify");
    }

    @Test
    void namesItsMessageTypes() {
        assertThat(plugin.topology().queues()).extracting(queue -> queue.name() + "=" + queue.messageType().name())
                .containsExactlyInAnyOrder(
                        "AppointmentQueue=healthcare.appointment-request.v1",
                        "AssignmentQueue=healthcare.appointment-assigned.v1",
                        "ChangeQueue=healthcare.appointment-change.v1",
                        "ReminderQueue=healthcare.reminder-due.v1",
                        "SyncRetryQueue=healthcare.sync-retry-due.v1");
    }

    @Test
    void hasAHandlerForEveryStage() {
        assertThat(plugin.handlers(Fixtures.settings()).stages()).containsExactlyInAnyOrder(
                plugin.topology().stages().stream().map(Stage::name).toArray(String[]::new));
    }

    @Test
    void takesRequestsAndChangesOverHttpOnEntryQueues() {
        assertThat(plugin.ingestRoutes()).containsExactly(
                IngestRoute.of("appointments", HealthcarePlugin.APPOINTMENT_QUEUE),
                IngestRoute.forOperations("appointment-changes", HealthcarePlugin.CHANGE_QUEUE));
        assertThat(plugin.topology().isEntryQueue("AppointmentQueue")).isTrue();
        assertThat(plugin.topology().isEntryQueue("ChangeQueue")).isTrue();
        assertThat(plugin.topology().isEntryQueue("ReminderQueue")).isFalse();
        assertThat(plugin.topology().isEntryQueue("SyncRetryQueue")).isFalse();
    }

    @Test
    void servesAppointmentsAndRequests() {
        assertThat(plugin.views()).extracting(View::resource).containsExactly("appointments", "requests");
        assertThat(plugin.views()).extracting(View::keyName).containsExactly("appointmentId", "requestId");
    }

    @Test
    void declaresItsSettings() {
        var settings = Arrays.stream(plugin.settingsType().getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, component -> component.getAnnotation(Setting.class),
                        (first, second) -> first, java.util.LinkedHashMap::new));

        assertThat(plugin.settingsType()).isEqualTo(HealthcareSettings.class);
        assertThat(settings.keySet()).containsExactly("clinics", "systemsOfRecord", "reminderLeadTime", "notificationChannels");
        assertThat(settings.values()).allSatisfy(setting -> assertThat(setting.help()).isNotBlank());
        assertThat(settings).extractingByKey("clinics").extracting(Setting::defaultValue).isEqualTo("");
        assertThat(settings).extractingByKey("reminderLeadTime").extracting(Setting::defaultValue).isEqualTo("24h");
        assertThat(settings.entrySet().stream().filter(setting -> setting.getValue().secret()).map(java.util.Map.Entry::getKey))
                .containsExactly("systemsOfRecord");
    }

    @Test
    void validatesTheSettingsItDeclares() {
        HealthcareSettings valid = Fixtures.settings();
        HealthcareSettings invalid = new HealthcareSettings(valid.clinics(), valid.systemsOfRecord(), Duration.ZERO,
                valid.notificationChannels());

        assertThat(Constraints.violations(valid)).isEmpty();
        assertThat(plugin.validateSettings(valid)).isEmpty();
        assertThat(plugin.validateSettings(invalid)).extracting(Violation::field).containsExactly("reminderLeadTime");
    }

    @Test
    void validatesRequestsWithTheirAnnotations() {
        assertThat(Constraints.violations(new AppointmentRequest(null, null, null, null, null)))
                .extracting(Violation::field).containsExactly("patient", "preferences", "requestId");
    }
}
