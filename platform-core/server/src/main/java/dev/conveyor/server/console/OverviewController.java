package dev.conveyor.server.console;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.apikey.ApiKey;
import dev.conveyor.engine.plugin.PluginFailure;
import dev.conveyor.engine.tenant.TenantRecord;
import dev.conveyor.engine.tenant.TopologyView;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import dev.conveyor.engine.activity.PipelineActivity.TenantFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The overview (every tenant for a platform admin, its own for a tenant key: status, plugin, messages per minute,
 * unresolved dead letters, oldest waiting message) and a tenant's page (its stages with queue depths and dead letters, as {@code GET .../topology} has them).
 */
@Controller
class OverviewController {

    static final int PAGE_SIZE = 50;

    private final ConveyorEngine engine;
    private final TenantAccess access;

    OverviewController(ConveyorEngine engine, TenantAccess access) {
        this.engine = requireNonNull(engine, "engine is null");
        this.access = requireNonNull(access, "access is null");
    }

    /**
     * One line of the overview; {@code problem} when the tenant cannot run as its status says; {@code perMinute}
     * messages its stages processed in the last minute (every process counted), {@code oldestWaiting} how long its
     * oldest queued message has waited (as of the last backlog poll; a dash when none).
     */
    record TenantLine(String id, String displayName, String plugin, String status, String problem, long deadLetters,
            Instant updatedAt, long perMinute, String oldestWaiting) {
    }

    @GetMapping(ConsolePaths.HOME)
    String overview(@RequestParam(defaultValue = "0") int page, Model model) {
        ApiKey key = access.currentKey();
        List<TenantRecord> tenants;
        long total;
        if (key.scope().isPlatform()) {
            int from = Math.max(0, page) * PAGE_SIZE;
            tenants = engine.tenants().list(from, PAGE_SIZE);
            total = engine.tenants().count();
            model.addAttribute("pluginCount", engine.plugins().all().size());
            model.addAttribute("pluginFailures", engine.plugins().failures().stream().map(PluginFailure::id).toList());
        } else {
            access.require(key.tenantId(), Permission.READ);
            tenants = List.of(engine.tenants().get(key.tenantId()));
            total = 1;
        }
        Map<String, TenantFigures> activity = engine.activity().tenants(tenants.stream().map(TenantRecord::id).toList());
        model.addAttribute("tenants", tenants.stream().map(tenant -> line(tenant, activity.get(tenant.id()))).toList());
        model.addAttribute("total", total);
        model.addAttribute("page", Math.max(0, page));
        model.addAttribute("hasNext", (long) (Math.max(0, page) + 1) * PAGE_SIZE < total);
        return "console/overview";
    }

    @GetMapping(ConsolePaths.HOME + "/tenants/{tenant}")
    String tenant(@PathVariable String tenant, Model model) {
        access.require(tenant, Permission.READ);
        TenantRecord record = engine.tenants().get(tenant);
        TopologyView topology = engine.topologies().of(tenant);
        model.addAttribute("tenant", line(record, engine.activity().tenants(List.of(tenant)).get(tenant)));
        model.addAttribute("stages", topology.stages());
        model.addAttribute("topologyVersion", topology.version());
        return "console/tenant";
    }

    private TenantLine line(TenantRecord tenant, TenantFigures activity) {
        String problem = engine.plugins().find(tenant.pluginId()).isPresent() ? null
                : "it does not run: " + engine.plugins().notInstalled(tenant.pluginId());
        long deadLetters = engine.deadLetters().countByStage(tenant.id()).values().stream().mapToLong(Long::longValue).sum();
        return new TenantLine(tenant.id(), tenant.displayName(), tenant.pluginId(), tenant.status().name(), problem,
                deadLetters, tenant.updatedAt(), activity == null ? 0 : activity.perMinute(),
                waited(activity == null ? null : activity.oldestWaiting()));
    }

    private String waited(Instant oldest) {
        if (oldest == null) {
            return "—";
        }
        long seconds = Math.max(0, Duration.between(oldest, engine.clock().instant()).toSeconds());
        return seconds < 120 ? seconds + " s" : seconds < 7_200 ? seconds / 60 + " min" : seconds / 3_600 + " h";
    }
}
