package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * A synchronous operation served at {@code POST /api/v1/tenants/{tenant}/{resource}}, such as loading stock. The
 * platform reads the body in one of the formats the action accepts into a list of {@code itemType} records (a JSON
 * array or a single object; CSV with a header row naming the components), bounded to {@code maxItems} while it
 * streams, and validates every item with Bean Validation (a 400 naming {@code rows[3].onHand}). The executor runs in
 * one transaction scoped to the tenant and answers with a JSON-mappable object; it throws {@link ValidationException}
 * for rules across items (a 400 with every violation).
 *
 * @param access which of the tenant's API keys may call it ({@link RouteAccess#ADMIN} unless declared)
 */
public record Action<I>(String resource, Class<I> itemType, Set<InputFormat> accepts, int maxItems, RouteAccess access,
        Executor<I> executor) {

    public Action {
        requireNonNull(resource, "resource is null");
        requireNonNull(itemType, "itemType is null");
        accepts = Set.copyOf(requireNonNull(accepts, "accepts is null"));
        requireNonNull(access, "access is null");
        requireNonNull(executor, "executor is null");
        if (!resource.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("resource '" + resource + "' must be a lower-case slug");
        }
        if (accepts.isEmpty()) {
            throw new IllegalArgumentException("action '" + resource + "' accepts no input format");
        }
        if (maxItems < 1) {
            throw new IllegalArgumentException("action '" + resource + "' must accept at least one item, was " + maxItems);
        }
    }

    /** An action for the tenant's admins, taking up to {@code maxItems} items in any of {@code accepts}. */
    public static <I> Action<I> of(String resource, Class<I> itemType, Set<InputFormat> accepts, int maxItems,
            Executor<I> executor) {
        return new Action<>(resource, itemType, accepts, maxItems, RouteAccess.ADMIN, executor);
    }

    @FunctionalInterface
    public interface Executor<I> {
        Object execute(List<I> items, RequestContext context);
    }

    /** Media types an action reads. */
    public enum InputFormat {
        /** {@code application/json}: one object or an array of them. */
        JSON("application/json"),
        /** {@code text/csv}: a header row naming the item's components, then one row per item. */
        CSV("text/csv");

        private final String mediaType;

        InputFormat(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }
    }
}
