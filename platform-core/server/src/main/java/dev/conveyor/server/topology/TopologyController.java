package dev.conveyor.server.topology;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.engine.tenant.TenantRecord;
import dev.conveyor.engine.tenant.TopologyChange;
import dev.conveyor.engine.tenant.TopologyView;
import dev.conveyor.server.api.Versions;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tenants/{tenant}/topology}: the effective topology with live depths (ETag = topology version),
 * {@code PATCH .../stages/{stage}} to override settings (fields left out keep their value; durations in ISO-8601
 * such as {@code "PT30S"}), and {@code .../audit}, who changed what.
 */
@RestController
@RequestMapping(path = "/api/v1/tenants/{tenant}/topology", produces = MediaType.APPLICATION_JSON_VALUE)
class TopologyController {

    private final ConveyorEngine engine;
    private final TenantAccess access;

    TopologyController(ConveyorEngine engine, TenantAccess access) {
        this.engine = engine;
        this.access = access;
    }

    @GetMapping
    ResponseEntity<TopologyView> get(@PathVariable String tenant) {
        access.require(tenant, Permission.READ);
        TopologyView topology = engine.topologies().of(tenant);
        return ResponseEntity.ok().eTag(Versions.etag(topology.version())).body(topology);
    }

    @PatchMapping(path = "/stages/{stage}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TopologyView> overrideStage(@PathVariable String tenant, @PathVariable String stage,
            @RequestBody StageOverride override, @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        access.require(tenant, Permission.ADMIN);
        long expected = Versions.ifMatch(ifMatch, "the topology of tenant '" + tenant + "'");
        TenantRecord updated = engine.topologies().overrideStage(tenant, stage, override, expected, access.actor());
        return ResponseEntity.ok().eTag(Versions.etag(updated.topologyVersion())).body(engine.topologies().of(tenant));
    }

    @GetMapping("/audit")
    List<TopologyChange> audit(@PathVariable String tenant) {
        access.require(tenant, Permission.READ);
        return engine.topologies().audit(tenant);
    }
}
