package dev.conveyor.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class TopologyTest {

    record Payload(String id) {
    }

    private static final MessageType<Payload> TYPE = MessageType.of("test.v1", Payload.class);

    @Test
    void aQueueReadByTwoStagesFansOutAndAQueueNoStageEmitsToIsAnEntryQueue() {
        Topology topology = Topology.builder()
                .queue("AppointmentQueue", TYPE)
                .queue("AssignmentQueue", TYPE)
                .stage(StageDefinition.of("management", "AppointmentQueue", "AssignmentQueue"))
                .stage(StageDefinition.of("data-sync", "AssignmentQueue"))
                .stage(StageDefinition.of("notify", "AssignmentQueue"))
                .build();

        assertThat(topology.subscribers("AssignmentQueue")).extracting(StageDefinition::name).containsExactly("data-sync", "notify");
        assertThat(topology.isEntryQueue("AppointmentQueue")).isTrue();
        assertThat(topology.isEntryQueue("AssignmentQueue")).isFalse();
    }

    @Test
    void everyProblemOfATopologyIsReportedAtOnce() {
        assertThatThrownBy(() -> Topology.builder()
                .queue("OrderQueue", TYPE)
                .queue("Orphan", TYPE)
                .stage(StageDefinition.of("dispatch", "OrderQueue", "DispachQueue"))
                .stage(StageDefinition.of("dispatch", "TrackingQueue"))
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage 'dispatch' emits to undeclared queue 'DispachQueue' (queues: OrderQueue, Orphan)")
                .hasMessageContaining("stage 'dispatch' is declared twice")
                .hasMessageContaining("stage 'dispatch' consumes undeclared queue 'TrackingQueue'")
                .hasMessageContaining("queue 'Orphan' has no stage consuming it");
    }

    @Test
    void stageSettingsOutsideAzuresRangesAreRefusedWithTheRange() {
        StageSettings defaults = StageSettings.defaults();
        assertThatThrownBy(() -> defaults.withBatchSize(33)).hasMessageContaining("batchSize must be 1..32");
        assertThatThrownBy(() -> defaults.withLease(Duration.ofMillis(500))).hasMessageContaining("lease must be 1 s..7 days");
        assertThatThrownBy(() -> defaults.withLease(Duration.ofDays(8))).hasMessageContaining("lease must be 1 s..7 days");
        assertThatThrownBy(() -> defaults.withConcurrency(0)).hasMessageContaining("concurrency must be 1..256");
        assertThatThrownBy(() -> defaults.withMaxIdlePoll(Duration.ofMillis(10))).hasMessageContaining("maxIdlePoll");
    }
}
