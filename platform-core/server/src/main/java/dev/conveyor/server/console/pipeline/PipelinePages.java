package dev.conveyor.server.console.pipeline;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.activity.PipelineActivity;
import dev.conveyor.engine.activity.PipelineActivity.StageFigures;
import dev.conveyor.engine.tenant.TenantRecord;
import dev.conveyor.engine.tenant.TopologyView;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A tenant's live pipeline: the graph of its queues and stages with each stage's figures (from every process running
 * it), and the same figures as a table; an event stream keeps both current. Who may see it is decided as for the
 * tenant's page: another tenant's pipeline and stream answer 404.
 */
@Controller
class PipelinePages {

    private final ConveyorEngine engine;
    private final TenantAccess access;
    private final PipelineStreams streams;

    PipelinePages(ConveyorEngine engine, TenantAccess access, PipelineStreams streams) {
        this.engine = requireNonNull(engine, "engine is null");
        this.access = requireNonNull(access, "access is null");
        this.streams = requireNonNull(streams, "streams is null");
    }

    @GetMapping("/console/tenants/{tenant}/pipeline")
    String pipeline(@PathVariable String tenant, Model model) {
        access.require(tenant, Permission.READ);
        TenantRecord record = engine.tenants().get(tenant);
        TopologyView topology = engine.topologies().of(tenant);
        PipelineGraph graph = PipelineGraph.of(topology.stages());
        Map<String, StageFigures> active = engine.activity().stages(tenant);
        Instant now = engine.clock().instant();
        Map<String, StageFigureView> figures = new LinkedHashMap<>();
        for (TopologyView.Stage stage : topology.stages()) {
            StageFigures stageFigures = active.getOrDefault(stage.name(), StageFigures.idle(stage.name()));
            if (stageFigures.depth() == null) {
                // Not polled yet: the depth this page just read.
                stageFigures = stageFigures.withDepth(stage.approximateDepth());
            }
            figures.put(stage.name(), StageFigureView.of(stageFigures, now));
        }
        model.addAttribute("tenant", record);
        model.addAttribute("graph", graph);
        model.addAttribute("figures", figures);
        model.addAttribute("stages", topology.stages());
        model.addAttribute("queues", PipelineGraph.names(graph.nodes(), PipelineGraph.Kind.QUEUE));
        model.addAttribute("rateWindow", PipelineActivity.RATE_WINDOW.toMinutes());
        model.addAttribute("recentWindow", PipelineActivity.RECENT_WINDOW.toMinutes());
        model.addAttribute("tick", PipelineStreams.TICK.toSeconds());
        return "console/pipeline";
    }

    /** The figures every few seconds, as Server-Sent Events; 429 when this session (or the server) has enough open. */
    @GetMapping("/console/tenants/{tenant}/pipeline/figures")
    ResponseEntity<SseEmitter> figures(@PathVariable String tenant, HttpServletRequest request) {
        access.require(tenant, Permission.READ);
        engine.tenants().get(tenant);
        return streams.open(request.getSession().getId(), tenant)
                .map(emitter -> ResponseEntity.ok().header("Cache-Control", "no-store").header("X-Accel-Buffering", "no")
                        .body(emitter))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                        .header("Retry-After", Long.toString(PipelineStreams.TICK.toSeconds() * 5)).build());
    }
}
