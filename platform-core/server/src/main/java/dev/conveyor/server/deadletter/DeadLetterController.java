package dev.conveyor.server.deadletter;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.apikey.ApiKey;
import dev.conveyor.engine.deadletter.DeadLetters;
import dev.conveyor.engine.deadletter.DeadLetters.BulkResolution;
import dev.conveyor.engine.deadletter.DeadLetters.DeadLetterDetail;
import dev.conveyor.engine.deadletter.DeadLetters.DeadLetterFilter;
import dev.conveyor.engine.deadletter.DeadLetters.DeadLetterSummary;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tenants/{tenant}/dead-letters}: list (filter by stage, error text, time, status), show one with
 * its body, headers and every attempt, replay one or every match back to its stage, discard one or every match
 * (at most 500 per request; the answer says how many remain). Of concurrent replays and discards of one dead letter
 * exactly one succeeds; the others answer 409 (a bulk call skips it).
 */
@RestController
@RequestMapping(path = "/api/v1/tenants/{tenant}/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
class DeadLetterController {

    private static final Set<String> STATUSES = Set.of("DEAD", "REPLAYED", "DISCARDED");

    private final ConveyorEngine engine;
    private final TenantAccess access;

    DeadLetterController(ConveyorEngine engine, TenantAccess access) {
        this.engine = engine;
        this.access = access;
    }

    @GetMapping
    List<DeadLetterSummary> list(@PathVariable String tenant,
            @RequestParam(required = false) String stage,
            @RequestParam(required = false) String error,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "100") int limit) {
        access.require(tenant, Permission.READ);
        engine.tenants().get(tenant);
        if (limit < 1 || limit > 1000 || offset < 0) {
            throw new ValidationException("paging", List.of(new Violation(offset < 0 ? "offset" : "limit",
                    offset < 0 ? "must be 0 or more" : "must be 1..1000, was " + limit)));
        }
        return engine.deadLetters().list(tenant, filter(stage, error, from, to, status), offset, limit);
    }

    /**
     * A tenant admin (or platform admin) sees the body and every attempt's error and stack trace; a read-only key
     * sees the reason, headers and error classes only, since the body and errors may hold personal data.
     */
    @GetMapping("/{id}")
    DeadLetterDetail get(@PathVariable String tenant, @PathVariable long id) {
        ApiKey key = access.require(tenant, Permission.READ);
        engine.tenants().get(tenant);
        DeadLetterDetail letter = engine.deadLetters().get(tenant, id);
        return TenantAccess.readsContent(key) ? letter : letter.withoutContent();
    }

    @PostMapping("/{id}/replay")
    DeadLetterSummary replay(@PathVariable String tenant, @PathVariable long id) {
        access.require(tenant, Permission.ADMIN);
        return engine.deadLetters().replay(tenant, id, access.actor());
    }

    /**
     * Replays the unresolved dead letters matching the same filters as the listing, at most {@code limit} (1..500)
     * per request: {@code {"replayed": n, "remaining": m}}, where {@code remaining} still match and need another call.
     * A letter resolved meanwhile by another call is skipped, so each is replayed once.
     */
    @PostMapping("/replay")
    Map<String, Object> replayMatching(@PathVariable String tenant,
            @RequestParam(required = false) String stage,
            @RequestParam(required = false) String error,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "" + DeadLetters.MAX_BULK) int limit) {
        access.require(tenant, Permission.ADMIN);
        engine.tenants().get(tenant);
        BulkResolution done = engine.deadLetters().replayMatching(tenant, filter(stage, error, from, to, null),
                access.actor(), limit);
        return Map.of("replayed", done.resolved(), "remaining", done.remaining());
    }

    /**
     * Discards the unresolved dead letters matching the same filters as the listing, under the same rules as the
     * replay of every match: {@code {"discarded": n, "remaining": m}}.
     */
    @PostMapping("/discard")
    Map<String, Object> discardMatching(@PathVariable String tenant,
            @RequestParam(required = false) String stage,
            @RequestParam(required = false) String error,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "" + DeadLetters.MAX_BULK) int limit) {
        access.require(tenant, Permission.ADMIN);
        engine.tenants().get(tenant);
        BulkResolution done = engine.deadLetters().discardMatching(tenant, filter(stage, error, from, to, null),
                access.actor(), limit);
        return Map.of("discarded", done.resolved(), "remaining", done.remaining());
    }

    @PostMapping("/{id}/discard")
    DeadLetterSummary discard(@PathVariable String tenant, @PathVariable long id) {
        access.require(tenant, Permission.ADMIN);
        return engine.deadLetters().discard(tenant, id, access.actor());
    }

    private static DeadLetterFilter filter(String stage, String error, Instant from, Instant to, String status) {
        if (status != null && !STATUSES.contains(status)) {
            throw new ValidationException("filter", List.of(new Violation("status", "must be one of " + STATUSES)));
        }
        return new DeadLetterFilter(stage, error, from, to, status);
    }
}
