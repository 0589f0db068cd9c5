package dev.conveyor.server.security;

import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.apikey.ApiKey;
import dev.conveyor.engine.apikey.Scope;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The access rules every endpoint applies: a platform admin reaches everything; a tenant key reaches only its
 * own tenant (another tenant's resources answer 404, as if they did not exist) and only what its scope allows
 * (otherwise 403); platform-level endpoints are for platform admins (403).
 */
@Component
public class TenantAccess {

    /** What a request wants to do with a tenant's resources. */
    public enum Permission {
        READ(EnumSet.of(Scope.TENANT_ADMIN, Scope.TENANT_READ), "read"),
        INGEST(EnumSet.of(Scope.TENANT_ADMIN, Scope.TENANT_INGEST), "send messages to"),
        ADMIN(EnumSet.of(Scope.TENANT_ADMIN), "administer");

        private final Set<Scope> scopes;
        private final String verb;

        Permission(Set<Scope> scopes, String verb) {
            this.scopes = scopes;
            this.verb = verb;
        }
    }

    /** The calling key, checked for {@code permission} on {@code tenantId}. */
    public ApiKey require(String tenantId, Permission permission) {
        ApiKey key = currentKey();
        if (key.scope().isPlatform()) {
            return key;
        }
        if (!key.tenantId().equals(tenantId)) {
            throw new NotFoundException("tenant '" + tenantId + "' does not exist");
        }
        if (!permission.scopes.contains(key.scope())) {
            throw new AccessDeniedException("API key '" + key.id() + "' has scope " + key.scope() + ", which may not "
                    + permission.verb + " tenant '" + tenantId + "'; use a key with scope "
                    + String.join(" or ", permission.scopes.stream().map(Scope::name).toList()));
        }
        return key;
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
}
