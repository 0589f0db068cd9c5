package dev.conveyor.engine.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class TelemetryTest {

    @Test
    void stageMetersAreMadeOncePerTenantAndStageAndCountUnderTheirTags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Telemetry telemetry = Telemetry.of(registry, OpenTelemetry.noop(), true);

        StageMeters dispatch = telemetry.stage("acme", "logistics", "dispatch");
        assertThat(telemetry.stage("acme", "logistics", "dispatch")).isSameAs(dispatch);
        dispatch.received();
        dispatch.received();
        dispatch.processed(Duration.ofMillis(30).toNanos(), Duration.ofSeconds(2));
        dispatch.retried();
        dispatch.deadLettered();
        dispatch.leaseLost();
        telemetry.stage("globex", "logistics", "dispatch").received();

        assertThat(registry.get("conveyor.messages.received").tags("tenant", "acme", "plugin", "logistics", "stage", "dispatch")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("conveyor.messages.received").tags("tenant", "globex").counter().count()).isEqualTo(1);
        assertThat(registry.get("conveyor.messages.processed").tags("tenant", "acme").counter().count()).isEqualTo(1);
        assertThat(registry.get("conveyor.messages.retried").tags("tenant", "acme").counter().count()).isEqualTo(1);
        assertThat(registry.get("conveyor.messages.dead.lettered").tags("tenant", "acme").counter().count()).isEqualTo(1);
        assertThat(registry.get("conveyor.leases.lost").tags("tenant", "acme").counter().count()).isEqualTo(1);
        assertThat(registry.get("conveyor.handler.duration").tags("tenant", "acme").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(30);
        assertThat(registry.get("conveyor.messages.latency").tags("tenant", "acme").timer().totalTime(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(2);
    }

    @Test
    void withoutTheTenantTagEveryTenantCountsIntoOneSeriesPerPluginAndStage() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Telemetry telemetry = Telemetry.of(registry, OpenTelemetry.noop(), false);

        telemetry.stage("acme", "logistics", "dispatch").received();
        telemetry.stage("globex", "logistics", "dispatch").received();

        assertThat(registry.get("conveyor.messages.received").counters()).hasSize(1);
        assertThat(registry.get("conveyor.messages.received").tags("tenant", "*", "stage", "dispatch").counter().count())
                .isEqualTo(2);
    }

    @Test
    void aLatencyFromAClockAheadOfOursIsNotRecorded() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StageMeters meters = Telemetry.of(registry, OpenTelemetry.noop(), true).stage("acme", "logistics", "notify");

        meters.processed(1_000, Duration.ofMillis(-5));

        assertThat(registry.get("conveyor.messages.processed").counter().count()).isEqualTo(1);
        assertThat(registry.get("conveyor.messages.latency").timer().count()).isZero();
    }

    @Test
    void deliveriesAreCountedByChannelAndOutcome() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Telemetry telemetry = Telemetry.of(registry, OpenTelemetry.noop(), true);

        telemetry.notificationDelivery("email", "delivered");
        telemetry.notificationDelivery("email", "delivered");
        telemetry.notificationDelivery("sms", "retried");
        telemetry.webhookDelivery("failed");

        assertThat(registry.get("conveyor.notification.deliveries").tags("channel", "email", "outcome", "delivered")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("conveyor.notification.deliveries").tags("channel", "sms", "outcome", "retried")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("conveyor.webhook.deliveries").tags("outcome", "failed").counter().count()).isEqualTo(1);
    }

    @Test
    void theDefaultRecordsNothingAndCostsNoRegistry() {
        Telemetry none = Telemetry.none();
        none.stage("acme", "logistics", "dispatch").received();
        assertThat(none.registry().getMeters()).allSatisfy(meter -> assertThat(meter.measure())
                .allSatisfy(measurement -> assertThat(measurement.getValue()).isZero()));
    }
}
