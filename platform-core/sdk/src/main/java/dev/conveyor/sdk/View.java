package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A read model served at {@code GET /api/v1/tenants/{tenant}/{resource}/{key}}. The finder runs in a read-only
 * transaction scoped to the tenant and returns the view's record (served as JSON, its schema documented), or empty
 * for a 404. A view of documents declares {@link BinaryContent} (served as is) or {@link BinaryContent.Deferred}
 * (rendered after the transaction closed, for a slow PDF) as its type.
 *
 * @param keyName the key's name in the API's documentation, such as {@code orderId}
 */
public record View<R>(String resource, String keyName, Class<R> resultType, Finder<R> finder) {

    public View {
        requireNonNull(resource, "resource is null");
        requireNonNull(keyName, "keyName is null");
        requireNonNull(resultType, "resultType is null");
        requireNonNull(finder, "finder is null");
        if (!resource.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("resource '" + resource + "' must be a lower-case slug");
        }
    }

    public static <R> View<R> of(String resource, String keyName, Class<R> resultType, Finder<R> finder) {
        return new View<>(resource, keyName, resultType, finder);
    }

    @FunctionalInterface
    public interface Finder<R> {
        /**
         * @throws ValidationException when the key is malformed (the API answers 400 naming it)
         */
        Optional<R> find(String key, RequestContext context);
    }
}
