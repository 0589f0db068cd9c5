package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
import java.util.Optional;

/**
 * A read model served at {@code GET /api/v1/tenants/{tenant}/{resource}/{key}}. The finder runs in a
 * read-only transaction scoped to the tenant; it returns a JSON-mappable object, a {@link BinaryContent} served
 * as is, a {@link BinaryContent.Deferred} rendered after the transaction closed (a PDF label), or empty for 404.
 */
public record View(String resource, String keyName, Finder finder) {

    public View {
        requireNonNull(resource, "resource is null");
        requireNonNull(keyName, "keyName is null");
        requireNonNull(finder, "finder is null");
        if (!resource.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("resource '" + resource + "' must be a lower-case slug");
        }
    }

    @FunctionalInterface
    public interface Finder {
        /**
         * @throws IllegalArgumentException when the key is malformed (the API answers 400 with its message)
         */
        Optional<Object> find(String tenantId, String key, EntityManager entityManager);
    }
}
