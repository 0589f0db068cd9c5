package dev.conveyor.server.console.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.engine.tenant.TopologyView;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class PipelineGraphTest {

    @Test
    void aQueueConsumedByTwoStagesFansOutAndARetryLoopIsDrawnBack() {
        PipelineGraph graph = PipelineGraph.of(List.of(
                stage("management", "AppointmentQueue", "AssignmentQueue", "ReminderQueue"),
                stage("changes", "ChangeQueue", "AssignmentQueue", "ReminderQueue"),
                stage("data-sync", "AssignmentQueue", "SyncRetryQueue"),
                stage("notify", "AssignmentQueue"),
                stage("reminders", "ReminderQueue"),
                stage("sync-retry", "SyncRetryQueue", "SyncRetryQueue")));
        Map<String, PipelineGraph.Node> nodes = graph.nodes().stream()
                .collect(Collectors.toMap(PipelineGraph.Node::id, Function.identity()));

        assertThat(graph.edges()).filteredOn(edge -> edge.from().equals("q-assignmentqueue"))
                .extracting(PipelineGraph.Edge::to).containsExactlyInAnyOrder("s-data-sync", "s-notify");
        assertThat(graph.edges()).filteredOn(PipelineGraph.Edge::back).singleElement().satisfies(loop -> {
            assertThat(loop.from()).isEqualTo("s-sync-retry");
            assertThat(loop.to()).isEqualTo("q-syncretryqueue");
        });
        assertThat(nodes.get("q-appointmentqueue").layer()).isZero();
        assertThat(nodes.get("q-changequeue").layer()).isZero();
        assertThat(nodes.get("s-management").layer()).isEqualTo(1);
        assertThat(nodes.get("q-assignmentqueue").layer()).isEqualTo(2);
        assertThat(nodes.get("s-notify").layer()).isEqualTo(3);
        assertThat(nodes.get("s-data-sync").layer()).isEqualTo(3);
        assertThat(nodes.get("s-sync-retry").layer()).isEqualTo(5);
        // Nothing overlaps, and everything lies inside the drawing.
        for (PipelineGraph.Node a : graph.nodes()) {
            assertThat(a.x() + a.width()).isLessThanOrEqualTo(graph.width());
            assertThat(a.y() + a.height()).isLessThanOrEqualTo(graph.height());
            for (PipelineGraph.Node b : graph.nodes()) {
                boolean apart = a == b || a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x()
                        || a.y() + a.height() <= b.y() || b.y() + b.height() <= a.y();
                assertThat(apart).as("%s and %s", a.id(), b.id()).isTrue();
            }
        }
    }

    @Test
    void aChainIsOneRow() {
        PipelineGraph graph = PipelineGraph.of(List.of(stage("dispatch", "OrderQueue", "DispatchQueue"),
                stage("tracking", "DispatchQueue", "TrackingQueue"), stage("notify", "TrackingQueue")));

        assertThat(graph.nodes()).extracting(PipelineGraph.Node::layer).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        assertThat(graph.edges()).hasSize(5).noneMatch(PipelineGraph.Edge::back);
        assertThat(graph.stageNodes()).extracting(PipelineGraph.Node::name).containsExactly("dispatch", "tracking", "notify");
    }

    private static TopologyView.Stage stage(String name, String consumes, String... emits) {
        return new TopologyView.Stage(name, consumes, new LinkedHashSet<>(List.of(emits)), name + "-queue",
                name + "-poison", true, null, null, 0L, 0L, 0);
    }
}
