package dev.conveyor.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class TopologyTest {

    record Payload(String id) {
    }

    record Other(String id) {
    }

    private static final Queue<Payload> APPOINTMENTS = Queue.of("AppointmentQueue", "test.appointment.v1", Payload.class);
    private static final Queue<Payload> ASSIGNMENTS = Queue.of("AssignmentQueue", "test.assignment.v1", Payload.class);

    @Test
    void aQueueReadByTwoStagesFansOutAndAQueueNoStageEmitsToIsAnEntryQueue() {
        Topology topology = Topology.of(
                Stage.of("management", APPOINTMENTS, ASSIGNMENTS),
                Stage.of("data-sync", ASSIGNMENTS),
                Stage.of("notify", ASSIGNMENTS));

        assertThat(topology.subscribers("AssignmentQueue")).extracting(Stage::name).containsExactly("data-sync", "notify");
        assertThat(topology.queues()).extracting(Queue::name).containsExactly("AppointmentQueue", "AssignmentQueue");
        assertThat(topology.isEntryQueue("AppointmentQueue")).isTrue();
        assertThat(topology.isEntryQueue("AssignmentQueue")).isFalse();
    }

    @Test
    void everyProblemOfATopologyIsReportedAtOnce() {
        Queue<Payload> orders = Queue.of("OrderQueue", "test.order.v1", Payload.class);
        Queue<Other> ordersAgain = Queue.of("OrderQueue", "test.other.v1", Other.class);
        Queue<Payload> orphan = Queue.of("Orphan", "test.orphan.v1", Payload.class);
        assertThatThrownBy(() -> Topology.of(
                Stage.of("dispatch", orders, orphan),
                Stage.of("dispatch", ordersAgain)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage 'dispatch' is declared twice")
                .hasMessageContaining("queue 'OrderQueue' is declared with two message types (test.order.v1, test.other.v1)")
                .hasMessageContaining("queue 'Orphan' has no stage consuming it");
    }

    @Test
    void handlersAreBoundToStagesOfTheirMessageTypeOnce() {
        Stage<Payload> management = Stage.of("management", APPOINTMENTS);
        Handler<Payload> handler = (message, context) -> { };
        Handlers handlers = Handlers.builder().on(management, handler).build();

        assertThat(handlers.of("management")).containsSame(handler);
        assertThatThrownBy(() -> Handlers.builder().on(management, handler).on(management, handler))
                .hasMessageContaining("stage 'management' is given two handlers");
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
