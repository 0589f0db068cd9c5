package dev.conveyor.server.security;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.apikey.ApiKey;
import dev.conveyor.engine.apikey.Scope;
import dev.conveyor.sdk.RouteAccess;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The access rules every endpoint applies: a platform admin reaches every tenant that exists; a tenant key reaches
 * only its own tenant (another tenant's resources answer 404, as if they did not exist) and only what its scope
 * allows (otherwise 403); platform-level endpoints are for platform admins (403). A deleted tenant's routes answer
 * 404 to everyone: its keys are revoked with it (and a key's check reads its tenant's status), and a platform
 * admin's request is checked against the tenant's record.
 */
@Component
public class TenantAccess {

    /** What a request wants to do with a tenant's resources. */
    public enum Permission {
        READ(EnumSet.of(Scope.TENANT_ADMIN, Scope.TENANT_READ), "read"),
        INGEST(EnumSet.of(Scope.TENANT_ADMIN, Scope.TENANT_INGEST), "send messages to"),
        OPERATE(EnumSet.of(Scope.TENANT_ADMIN, Scope.TENANT_OPERATIONS), "send operational events to"),
        ADMIN(EnumSet.of(Scope.TENANT_ADMIN), "administer");

        private final Set<Scope> scopes;
        private final String verb;

        Permission(Set<Scope> scopes, String verb) {
            this.scopes = scopes;
            this.verb = verb;
        }

        /** The permission a plugin's declared route access asks for. */
        public static Permission of(RouteAccess access) {
            return switch (access) {
                case INGEST -> INGEST;
                case OPERATIONS -> OPERATE;
                case ADMIN -> ADMIN;
            };
        }

        /** The tenant key scopes that have it, as names (platform admins have every permission). */
        public List<String> scopes() {
            return scopes.stream().map(Scope::name).toList();
        }
    }

    private final ConveyorEngine engine;

    TenantAccess(ConveyorEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    /** The calling key, checked for {@code permission} on {@code tenantId}, which must exist. */
    public ApiKey require(String tenantId, Permission permission) {
        ApiKey key = currentKey();
        requireOwnTenant(key, tenantId);
        if (key.scope().isPlatform()) {
            // A tenant key's check already found its tenant alive; a platform key says nothing about the tenant.
            engine.tenants().get(tenantId);
        }
        return requireScope(key, tenantId, permission);
    }

    /**
     * The calling key, checked for the access the tenant's plugin declares for its ingest route or action
     * {@code resource} (a resource it lacks needs {@link Permission#INGEST}, and then answers 404).
     */
    public ApiKey requireRoute(String tenantId, String resource) {
        ApiKey key = currentKey();
        requireOwnTenant(key, tenantId);
        Permission permission = engine.routes().access(tenantId, resource).map(Permission::of).orElse(Permission.INGEST);
        return requireScope(key, tenantId, permission);
    }

    /** Whether {@code key} has {@code permission} on its tenant (platform admins on every tenant): for showing what it may do. */
    public static boolean grants(ApiKey key, Permission permission) {
        return key.scope().isPlatform() || permission.scopes.contains(key.scope());
    }

    /**
     * Whether {@code key} may read what a tenant's messages and their errors hold (personal data): a dead letter's
     * body, stack traces and error texts. Tenant admins and platform admins may; read-only keys see reasons only.
     */
    public static boolean readsContent(ApiKey key) {
        return key.scope().isPlatform() || key.scope() == Scope.TENANT_ADMIN;
    }

    public ApiKey requirePlatformAdmin() {
        ApiKey key = currentKey();
        if (!key.scope().isPlatform()) {
            throw new AccessDeniedException("this endpoint is for platform admins; API key '" + key.id() + "' has scope "
                    + key.scope() + " for tenant '" + key.tenantId() + "'");
        }
        return key;
    }

    public ApiKey currentKey() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ApiKeyAuthentication apiKey) {
            return apiKey.key();
        }
        throw new AccessDeniedException("an API key is required");
    }

    /** Who is acting, for audit records. */
    public String actor() {
        ApiKey key = currentKey();
        return "key:" + key.id() + " (" + key.name() + ")";
    }

    private static void requireOwnTenant(ApiKey key, String tenantId) {
        if (!key.scope().isPlatform() && !key.tenantId().equals(tenantId)) {
            throw new NotFoundException("tenant '" + tenantId + "' does not exist");
        }
    }

    private static ApiKey requireScope(ApiKey key, String tenantId, Permission permission) {
        if (!grants(key, permission)) {
            throw new AccessDeniedException("API key '" + key.id() + "' has scope " + key.scope() + ", which may not "
                    + permission.verb + " tenant '" + tenantId + "'" + (permission == Permission.OPERATE
                    ? " (this route is declared for the systems that run its business)" : "")
                    + "; use a key with scope " + String.join(" or ", permission.scopes()));
        }
        return key;
    }
}
