package dev.conveyor.plugin.healthcare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.healthcare.appointment.AppointmentRequest;
import dev.conveyor.sdk.ConfigProperty;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.RouteAccess;
import dev.conveyor.sdk.StageDefinition;
import dev.conveyor.sdk.TenantConfig;
import dev.conveyor.sdk.View;
import dev.conveyor.sdk.Violation;
import java.util.Map;
import java.util.ServiceLoader;
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
        assertThat(plugin.migrationsLocation()).contains("classpath:db/healthcare");
        assertThat(getClass().getResource("/db/healthcare/V1__healthcare.sql")).isNotNull();
    }

    @Test
    void fansAssignmentsOutToDataSyncAndNotify() {
        assertThat(plugin.topology().stages()).containsExactly(
                StageDefinition.of("management", "AppointmentQueue", "AssignmentQueue", "ReminderQueue"),
                StageDefinition.of("changes", "ChangeQueue", "AssignmentQueue", "ReminderQueue"),
                StageDefinition.of("data-sync", "AssignmentQueue", "SyncRetryQueue").withSettings(HealthcarePlugin.HTTP_STAGE),
                StageDefinition.of("notify", "AssignmentQueue"),
                StageDefinition.of("reminders", "ReminderQueue"),
                StageDefinition.of("sync-retry", "SyncRetryQueue", "SyncRetryQueue").withSettings(HealthcarePlugin.HTTP_STAGE));
        assertThat(HealthcarePlugin.HTTP_STAGE.concurrency()).isEqualTo(4);
        assertThat(plugin.topology().subscribers("AssignmentQueue")).extracting(StageDefinition::name)
                .containsExactly("data-sync", "notify");
    }

    @Test
    void namesItsMessageTypes() {
        assertThat(plugin.topology().queues()).extracting(queue -> queue.name() + "=" + queue.messageType().name())
                .containsExactly(
                        "AppointmentQueue=healthcare.appointment-request.v1",
                        "AssignmentQueue=healthcare.appointment-assigned.v1",
                        "ChangeQueue=healthcare.appointment-change.v1",
                        "ReminderQueue=healthcare.reminder-due.v1",
                        "SyncRetryQueue=healthcare.sync-retry-due.v1");
    }

    @Test
    void hasAHandlerForEveryStage() {
        assertThat(plugin.handlers().keySet()).containsExactlyInAnyOrder(
                plugin.topology().stages().stream().map(StageDefinition::name).toArray(String[]::new));
    }

    @Test
    void takesRequestsAndChangesOverHttpOnEntryQueues() {
        assertThat(plugin.ingestRoutes()).containsExactly(
                new IngestRoute("appointments", "AppointmentQueue"),
                new IngestRoute("appointment-changes", "ChangeQueue", RouteAccess.OPERATIONS));
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
        assertThat(plugin.configProperties()).extracting(ConfigProperty::name)
                .containsExactly("clinics", "systemsOfRecord", "reminderLeadTime", "notificationChannels");
        assertThat(plugin.configProperties()).filteredOn(ConfigProperty::required).extracting(ConfigProperty::name)
                .containsExactly("clinics");
        assertThat(plugin.configProperties()).filteredOn(ConfigProperty::secret).extracting(ConfigProperty::name)
                .containsExactly("systemsOfRecord");
    }

    @Test
    void validatesTheSettingsItDeclares() {
        TenantConfig valid = new TenantConfig(plugin.configProperties(), Map.of("clinics", Fixtures.CLINICS_JSON));
        TenantConfig invalid = new TenantConfig(plugin.configProperties(),
                Map.of("clinics", Fixtures.CLINICS_JSON, "reminderLeadTime", "0s"));

        assertThat(TenantConfig.check(plugin.configProperties(), valid.values())).isEmpty();
        assertThat(plugin.validateConfiguration(valid)).isEmpty();
        assertThat(plugin.validateConfiguration(invalid)).extracting(Violation::field).containsExactly("config.reminderLeadTime");
    }

    @Test
    void validatesRequestsWithTheRequestRules() {
        assertThat(plugin.topology().queue("AppointmentQueue").orElseThrow().messageType()
                .validate(new AppointmentRequest(null, null, null, null, null))).hasSize(3);
    }
}
