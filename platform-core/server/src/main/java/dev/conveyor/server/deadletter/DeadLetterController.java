package dev.conveyor.server.deadletter;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.deadletter.DeadLetters.DeadLetterSummary;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/tenants/{tenant}/dead-letters}: the newest dead letters of a tenant, with their reasons. */
@RestController
class DeadLetterController {

    private final ConveyorEngine engine;
    private final TenantAccess access;

    DeadLetterController(ConveyorEngine engine, TenantAccess access) {
        this.engine = engine;
        this.access = access;
    }

    @GetMapping(path = "/api/v1/tenants/{tenant}/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
    List<DeadLetterSummary> list(@PathVariable String tenant, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000, was " + limit);
        }
        access.require(tenant, Permission.READ);
        engine.tenantRecord(tenant);
        return engine.deadLetters().newest(tenant, limit);
    }
}
