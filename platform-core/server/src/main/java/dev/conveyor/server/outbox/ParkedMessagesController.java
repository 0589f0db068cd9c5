package dev.conveyor.server.outbox;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.outbox.Outbox.ParkedMessage;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tenants/{tenant}/outbox/parked}: messages the platform accepted but could not put on a queue after
 * repeated failures (not outages: those are retried for as long as they last), with the failure's category; and
 * a retry once the cause is fixed.
 */
@RestController
@RequestMapping(path = "/api/v1/tenants/{tenant}/outbox/parked", produces = MediaType.APPLICATION_JSON_VALUE)
class ParkedMessagesController {

    private final ConveyorEngine engine;
    private final TenantAccess access;

    ParkedMessagesController(ConveyorEngine engine, TenantAccess access) {
        this.engine = engine;
        this.access = access;
    }

    @GetMapping
    List<ParkedMessage> list(@PathVariable String tenant, @RequestParam(defaultValue = "100") int limit) {
        access.require(tenant, Permission.READ);
        if (limit < 1 || limit > 1000) {
            throw new ValidationException("paging", List.of(new Violation("limit", "must be 1..1000, was " + limit)));
        }
        return engine.parkedMessages().list(tenant, limit);
    }

    @PostMapping("/retry")
    Map<String, Integer> retry(@PathVariable String tenant) {
        access.require(tenant, Permission.ADMIN);
        return Map.of("retried", engine.parkedMessages().retry(tenant));
    }
}
