package dev.conveyor.server.apikey;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.apikey.ApiKey;
import dev.conveyor.engine.apikey.IssuedKey;
import dev.conveyor.engine.apikey.Scope;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenant keys at {@code /api/v1/tenants/{tenant}/api-keys} (the tenant's admins and platform admins), platform
 * keys at {@code /api/v1/api-keys} (platform admins). The created key's token is in the response once, never again.
 * A key may be given an {@code expiresAt}, after which it is refused.
 */
@RestController
class ApiKeyController {

    private final ConveyorEngine engine;
    private final TenantAccess access;

    ApiKeyController(ConveyorEngine engine, TenantAccess access) {
        this.engine = engine;
        this.access = access;
    }

    @PostMapping(path = "/api/v1/tenants/{tenant}/api-keys", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedKey> createTenantKey(@PathVariable String tenant, @RequestBody CreateKey request) {
        access.require(tenant, Permission.ADMIN);
        engine.tenants().get(tenant);
        return created(engine.apiKeys().create(tenant, request.name(), request.scope(), request.expiresAt(), access.actor()),
                "/api/v1/tenants/" + tenant + "/api-keys/");
    }

    @GetMapping(path = "/api/v1/tenants/{tenant}/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ApiKey> listTenantKeys(@PathVariable String tenant) {
        access.require(tenant, Permission.ADMIN);
        engine.tenants().get(tenant);
        return engine.apiKeys().list(tenant);
    }

    @DeleteMapping("/api/v1/tenants/{tenant}/api-keys/{keyId}")
    ResponseEntity<Void> revokeTenantKey(@PathVariable String tenant, @PathVariable String keyId) {
        access.require(tenant, Permission.ADMIN);
        engine.apiKeys().revoke(tenant, keyId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/api/v1/api-keys", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedKey> createPlatformKey(@RequestBody CreateKey request) {
        access.requirePlatformAdmin();
        return created(engine.apiKeys().create(null, request.name(),
                request.scope() == null ? Scope.PLATFORM_ADMIN : request.scope(), request.expiresAt(), access.actor()),
                "/api/v1/api-keys/");
    }

    @GetMapping(path = "/api/v1/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
    List<ApiKey> listPlatformKeys() {
        access.requirePlatformAdmin();
        return engine.apiKeys().list(null);
    }

    @DeleteMapping("/api/v1/api-keys/{keyId}")
    ResponseEntity<Void> revokePlatformKey(@PathVariable String keyId) {
        access.requirePlatformAdmin();
        engine.apiKeys().revoke(null, keyId);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<CreatedKey> created(IssuedKey issued, String collection) {
        ApiKey key = issued.key();
        return ResponseEntity.created(URI.create(collection + key.id()))
                .body(new CreatedKey(key.id(), key.tenantId(), key.name(), key.scope(), key.createdAt(), key.expiresAt(),
                        issued.token()));
    }

    /** {@code expiresAt}: when the key stops working (ISO-8601, in the future); omitted: never. */
    record CreateKey(String name, Scope scope, Instant expiresAt) {
    }

    /** The one response that carries the token; store it now. */
    record CreatedKey(String id, String tenantId, String name, Scope scope, Instant createdAt, Instant expiresAt, String token) {
    }
}
