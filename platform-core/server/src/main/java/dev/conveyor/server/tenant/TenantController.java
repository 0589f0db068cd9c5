package dev.conveyor.server.tenant;

import dev.conveyor.engine.lifecycle.Tenants;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.storage.StorageAccount;
import dev.conveyor.engine.tenant.TenantRecord;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import dev.conveyor.server.api.Versions;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import dev.conveyor.server.storage.TenantStorageRequest;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tenants}: platform admins create, list, suspend, resume and delete tenants; a tenant's own
 * admin key may read and update it. Updates need the ETag of the last read in If-Match.
 */
@RestController
@RequestMapping(path = "/api/v1/tenants", produces = MediaType.APPLICATION_JSON_VALUE)
class TenantController {

    private static final String MASK = "********";

    private final ConveyorEngine engine;
    private final TenantAccess access;

    TenantController(ConveyorEngine engine, TenantAccess access) {
        this.engine = engine;
        this.access = access;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TenantResponse> create(@RequestBody CreateTenant request) {
        access.requirePlatformAdmin();
        if (request.id() == null || !TenantSpec.isValidId(request.id())) {
            throw new ValidationException("tenant", List.of(new Violation("id", "must be " + TenantSpec.ID_RULE)));
        }
        if (request.plugin() == null) {
            throw new ValidationException("tenant", List.of(new Violation("plugin", "is required (GET /api/v1/plugins lists them)")));
        }
        Tenants.Creation creation = engine.tenants().create(new TenantSpec(request.id(),
                request.displayName() == null ? request.id() : request.displayName(), request.plugin(),
                request.config() == null ? Map.of() : request.config(), Map.of(), TenantStorageRequest.stored(
                        request.storageConnectionString(), request.storageQueueEndpoint(), request.storageIdentityClientId())));
        TenantRecord tenant = creation.tenant();
        return ResponseEntity.status(creation.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/tenants/" + tenant.id()))
                .eTag(Versions.etag(tenant.version()))
                .body(response(tenant));
    }

    @GetMapping
    TenantPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        access.requirePlatformAdmin();
        if (page < 0 || size < 1 || size > 200) {
            throw new ValidationException("paging", List.of(new Violation(page < 0 ? "page" : "size",
                    page < 0 ? "must be 0 or more" : "must be 1..200")));
        }
        return new TenantPage(engine.tenants().list(page * size, size).stream().map(this::response).toList(), page, size,
                engine.tenants().count());
    }

    @GetMapping("/{tenant}")
    ResponseEntity<TenantResponse> get(@PathVariable String tenant) {
        access.require(tenant, Permission.READ);
        TenantRecord record = engine.tenants().get(tenant);
        return ResponseEntity.ok().eTag(Versions.etag(record.version())).body(response(record));
    }

    @PatchMapping(path = "/{tenant}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TenantResponse> update(@PathVariable String tenant, @RequestBody UpdateTenant request,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        access.require(tenant, Permission.ADMIN);
        long expected = Versions.ifMatch(ifMatch, "tenant '" + tenant + "'");
        TenantRecord current = engine.tenants().get(tenant);
        Map<String, Object> config = new LinkedHashMap<>(current.config());
        if (request.config() != null) {
            // A secret sent back masked, as GET shows it, keeps its stored value.
            request.config().forEach((name, value) -> {
                if (value == null) {
                    config.remove(name);
                } else if (!MASK.equals(value)) {
                    config.put(name, value);
                }
            });
        }
        TenantRecord updated = engine.tenants().update(tenant, expected,
                request.displayName() == null ? current.displayName() : request.displayName(), config);
        return ResponseEntity.ok().eTag(Versions.etag(updated.version())).body(response(updated));
    }

    @PostMapping("/{tenant}/suspend")
    ResponseEntity<TenantResponse> suspend(@PathVariable String tenant) {
        access.requirePlatformAdmin();
        TenantRecord suspended = engine.tenants().suspend(tenant);
        return ResponseEntity.ok().eTag(Versions.etag(suspended.version())).body(response(suspended));
    }

    @PostMapping("/{tenant}/resume")
    ResponseEntity<TenantResponse> resume(@PathVariable String tenant) {
        access.requirePlatformAdmin();
        TenantRecord resumed = engine.tenants().resume(tenant);
        return ResponseEntity.ok().eTag(Versions.etag(resumed.version())).body(response(resumed));
    }

    /**
     * 204 when the teardown completed; 202 when it failed halfway (a queue service down, say): the tenant is deleted
     * and its keys revoked, and the rest is resumed within a minute, or at once by repeating the DELETE.
     * {@code erase=true} also removes the tenant's data (its rows in every table with a tenant_id column).
     */
    @DeleteMapping("/{tenant}")
    ResponseEntity<?> delete(@PathVariable String tenant, @RequestParam(defaultValue = "false") boolean force,
            @RequestParam(defaultValue = "false") boolean erase) {
        access.requirePlatformAdmin();
        if (engine.tenants().delete(tenant, force, erase)) {
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.accepted().body(new DeletionPending(tenant, "DELETED",
                "its keys are revoked and it is gone from the API; removing its queues" + (erase ? " and erasing its data" : "")
                        + " failed halfway and is resumed within a minute, or now by repeating this DELETE"));
    }

    private TenantResponse response(TenantRecord tenant) {
        Set<String> secrets = engine.plugins().find(tenant.pluginId())
                .map(plugin -> engine.plugins().settings(plugin.id()).secretNames())
                .orElse(Set.of());
        Map<String, Object> config = new LinkedHashMap<>();
        tenant.config().forEach((name, value) -> config.put(name, secrets.contains(name) ? MASK : value));
        // A tenant whose plugin failed to install is stored as it was, but does not run: say why.
        String problem = engine.plugins().find(tenant.pluginId()).isPresent() ? null
                : "it does not run: " + engine.plugins().notInstalled(tenant.pluginId());
        return new TenantResponse(tenant.id(), tenant.displayName(), tenant.pluginId(), tenant.status().name(), problem,
                config, tenant.storageConnectionString() != null, ownQueueEndpoint(tenant), tenant.version(),
                tenant.topologyVersion(), tenant.createdAt(), tenant.updatedAt());
    }

    /** Where a tenant's own account reached with Entra ID is (not secret); never a connection string (it holds a key). */
    private static String ownQueueEndpoint(TenantRecord tenant) {
        if (tenant.storageConnectionString() == null) {
            return null;
        }
        try {
            return StorageAccount.parse(tenant.storageConnectionString()) instanceof StorageAccount.EntraId entraId
                    ? entraId.queueEndpoint().toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * {@code storageConnectionString}, or {@code storageQueueEndpoint} with an optional {@code storageIdentityClientId},
     * name the tenant's own storage account; neither: the platform's.
     */
    record CreateTenant(String id, String displayName, String plugin, Map<String, Object> config, String storageConnectionString,
            String storageQueueEndpoint, String storageIdentityClientId) {
    }

    record UpdateTenant(String displayName, Map<String, Object> config) {
    }

    /** {@code problem}: present only when the tenant cannot run as its status says, and why. */
    record TenantResponse(String id, String displayName, String plugin, String status,
            @JsonInclude(JsonInclude.Include.NON_NULL) String problem, Map<String, Object> config,
            boolean ownStorageAccount, @JsonInclude(JsonInclude.Include.NON_NULL) String storageQueueEndpoint, long version,
            long topologyVersion, Instant createdAt, Instant updatedAt) {
    }

    record TenantPage(List<TenantResponse> items, int page, int size, long total) {
    }

    record DeletionPending(String id, String status, String detail) {
    }
}
