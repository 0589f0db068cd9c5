package dev.conveyor.server.webhook;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.webhook.Webhooks.Attempt;
import dev.conveyor.engine.webhook.Webhooks.CreatedEndpoint;
import dev.conveyor.engine.webhook.Webhooks.Endpoint;
import dev.conveyor.engine.webhook.Webhooks.EndpointSpec;
import dev.conveyor.engine.webhook.Webhooks.Message;
import dev.conveyor.engine.webhook.Webhooks.RotatedSecret;
import dev.conveyor.sdk.EventType;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import dev.conveyor.server.api.PluginDocs;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Webhooks of a tenant, for its admin keys (and platform admins): {@code /api/v1/tenants/{tenant}/webhooks/...}
 * manages endpoints (URL, description, event type filter, enabled), rotates secrets (a new secret is shown once),
 * lists messages and their attempts, replays one message and recovers every failed one since a time; the event
 * types a plugin publishes are listed under {@code /api/v1/plugins/{plugin}/event-types} and per tenant.
 */
@RestController
class WebhookController {

    private static final String ENDPOINTS = "/api/v1/tenants/{tenant}/webhooks/endpoints";

    private final ConveyorEngine engine;
    private final TenantAccess access;
    private final PluginDocs docs = new PluginDocs();

    WebhookController(ConveyorEngine engine, TenantAccess access) {
        this.engine = engine;
        this.access = access;
    }

    /** An event type in the catalogue, with the JSON Schema of its data. */
    record EventTypeDescription(String name, String description, String dataType, JsonNode dataSchema) {
    }

    @GetMapping(path = "/api/v1/plugins/{plugin}/event-types", produces = MediaType.APPLICATION_JSON_VALUE)
    List<EventTypeDescription> pluginEventTypes(@PathVariable String plugin) {
        return describe(engine.plugins().find(plugin)
                .orElseThrow(() -> new NotFoundException("no plugin '" + plugin + "' is installed")).eventTypes());
    }

    @GetMapping(path = "/api/v1/tenants/{tenant}/webhooks/event-types", produces = MediaType.APPLICATION_JSON_VALUE)
    List<EventTypeDescription> tenantEventTypes(@PathVariable String tenant) {
        access.require(tenant, Permission.READ);
        return describe(engine.webhooks().catalogueOf(tenant));
    }

    private List<EventTypeDescription> describe(List<EventType<?>> types) {
        return types.stream().map(type -> new EventTypeDescription(type.name(), type.description(),
                type.dataType().getSimpleName(), docs.jsonSchema(type.dataType()))).toList();
    }

    /** An endpoint as given: {@code eventTypes} left out receives every type; {@code enabled} only on update. */
    record EndpointRequest(String url, String description, List<String> eventTypes, Boolean enabled) {
        EndpointSpec spec() {
            return new EndpointSpec(url, description, eventTypes, enabled);
        }
    }

    /** A new endpoint, with its secret: shown this once. */
    record CreatedEndpointResponse(UUID id, String url, String description, List<String> eventTypes, boolean enabled,
            Instant createdAt, String secret) {
        static CreatedEndpointResponse of(CreatedEndpoint created) {
            Endpoint endpoint = created.endpoint();
            return new CreatedEndpointResponse(endpoint.id(), endpoint.url(), endpoint.description(),
                    endpoint.eventTypes(), endpoint.enabled(), endpoint.createdAt(), created.secret());
        }
    }

    @PostMapping(path = ENDPOINTS, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedEndpointResponse> create(@PathVariable String tenant, @RequestBody EndpointRequest request) {
        access.require(tenant, Permission.ADMIN);
        CreatedEndpoint created = engine.webhooks().create(tenant, request.spec());
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant + "/webhooks/endpoints/"
                + created.endpoint().id())).body(CreatedEndpointResponse.of(created));
    }

    @GetMapping(path = ENDPOINTS, produces = MediaType.APPLICATION_JSON_VALUE)
    List<Endpoint> list(@PathVariable String tenant) {
        access.require(tenant, Permission.ADMIN);
        return engine.webhooks().list(tenant);
    }

    @GetMapping(path = ENDPOINTS + "/{endpoint}", produces = MediaType.APPLICATION_JSON_VALUE)
    Endpoint get(@PathVariable String tenant, @PathVariable UUID endpoint) {
        access.require(tenant, Permission.ADMIN);
        return engine.webhooks().get(tenant, endpoint);
    }

    /** Replaces URL, description and event types; {@code "enabled": true} enables a disabled endpoint again. */
    @PutMapping(path = ENDPOINTS + "/{endpoint}", produces = MediaType.APPLICATION_JSON_VALUE)
    Endpoint update(@PathVariable String tenant, @PathVariable UUID endpoint, @RequestBody EndpointRequest request) {
        access.require(tenant, Permission.ADMIN);
        return engine.webhooks().update(tenant, endpoint, request.spec());
    }

    @DeleteMapping(ENDPOINTS + "/{endpoint}")
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable UUID endpoint) {
        access.require(tenant, Permission.ADMIN);
        engine.webhooks().delete(tenant, endpoint);
        return ResponseEntity.noContent().build();
    }

    /** How long the current secret keeps signing besides the new one (ISO-8601, such as {@code PT1H}). */
    record Rotation(Duration gracePeriod) {
    }

    @PostMapping(path = ENDPOINTS + "/{endpoint}/secret/rotate", produces = MediaType.APPLICATION_JSON_VALUE)
    RotatedSecret rotate(@PathVariable String tenant, @PathVariable UUID endpoint,
            @RequestBody(required = false) Rotation rotation) {
        access.require(tenant, Permission.ADMIN);
        return engine.webhooks().rotateSecret(tenant, endpoint,
                Optional.ofNullable(rotation).map(Rotation::gracePeriod));
    }

    @GetMapping(path = ENDPOINTS + "/{endpoint}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Message> messages(@PathVariable String tenant, @PathVariable UUID endpoint,
            @RequestParam(required = false) String status, @RequestParam(defaultValue = "100") int limit) {
        access.require(tenant, Permission.ADMIN);
        if (limit < 1 || limit > 1000) {
            throw new ValidationException("paging", List.of(new Violation("limit", "must be 1..1000, was " + limit)));
        }
        return engine.webhooks().messages(tenant, endpoint, Optional.ofNullable(status), limit);
    }

    @GetMapping(path = ENDPOINTS + "/{endpoint}/messages/{message}/attempts", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Attempt> attempts(@PathVariable String tenant, @PathVariable UUID endpoint, @PathVariable UUID message) {
        access.require(tenant, Permission.ADMIN);
        return engine.webhooks().attempts(tenant, endpoint, message);
    }

    @PostMapping(path = ENDPOINTS + "/{endpoint}/messages/{message}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    Message replay(@PathVariable String tenant, @PathVariable UUID endpoint, @PathVariable UUID message) {
        access.require(tenant, Permission.ADMIN);
        return engine.webhooks().replay(tenant, endpoint, message);
    }

    /** Delivers again every message of the endpoint that failed and was created at {@code since} or later. */
    @PostMapping(path = ENDPOINTS + "/{endpoint}/recover", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Integer> recover(@PathVariable String tenant, @PathVariable UUID endpoint,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since) {
        access.require(tenant, Permission.ADMIN);
        return Map.of("recovered", engine.webhooks().recover(tenant, endpoint, since));
    }
}
