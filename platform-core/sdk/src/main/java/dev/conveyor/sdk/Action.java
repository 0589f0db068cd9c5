package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;

/**
 * A synchronous operation served at {@code POST /api/v1/tenants/{tenant}/{resource}}, such as loading stock.
 * It runs in one transaction scoped to the tenant and answers with a JSON-mappable object; it throws
 * {@link ValidationException} for bad input (the API answers 400 with every violation).
 *
 * @param access which of the tenant's API keys may call it ({@link RouteAccess#ADMIN} unless declared)
 */
public record Action(String resource, Executor executor, RouteAccess access) {

    public Action {
        requireNonNull(resource, "resource is null");
        requireNonNull(executor, "executor is null");
        requireNonNull(access, "access is null");
        if (!resource.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("resource '" + resource + "' must be a lower-case slug");
        }
    }

    /** An action for the tenant's admins. */
    public Action(String resource, Executor executor) {
        this(resource, executor, RouteAccess.ADMIN);
    }

    @FunctionalInterface
    public interface Executor {
        Object execute(Request request, EntityManager entityManager);
    }

    /** The request as received: its tenant, content type (such as {@code text/csv}), body and tenant config. */
    public record Request(String tenantId, String contentType, String body, TenantConfig config) {
    }
}
