package dev.conveyor.engine.request;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.validation.BeanValidation;
import dev.conveyor.sdk.Action;
import dev.conveyor.sdk.BinaryContent;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.RequestContext;
import dev.conveyor.sdk.View;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Serves plugins' views and actions for a running tenant: each in one transaction of the tenant (read-only for
 * views) with a {@link dev.conveyor.sdk.RequestContext} carrying the tenant's bound settings.
 */
public final class PluginRequests {

    private final Database database;
    private final Clock clock;
    private final BeanValidation validation;

    public PluginRequests(Database database, Clock clock, BeanValidation validation) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.validation = requireNonNull(validation, "validation is null");
    }

    /**
     * The record the view {@code resource} finds by {@code key}; a document rendered later is rendered once the read
     * transaction has closed.
     *
     * @throws NotFoundException                   when the view or the record does not exist
     * @throws dev.conveyor.sdk.ValidationException when the key is malformed for the view
     */
    public Object view(String tenantId, DomainPlugin<?> plugin, Object settings, String resource, String key) {
        View<?> view = plugin.views().stream()
                .filter(candidate -> candidate.resource().equals(resource))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("tenant '" + tenantId + "' has no '" + resource
                        + "' (it has: " + String.join(", ", plugin.views().stream().map(View::resource).toList()) + ")"));
        Optional<?> found = read(tenantId, plugin, settings, context -> requireNonNull(view.finder().find(key, context),
                "view '" + resource + "' returned null, not an Optional"));
        Object record = found.orElseThrow(() -> new NotFoundException(
                "tenant '" + tenantId + "' has no " + resource + " with " + view.keyName() + " '" + key + "'"));
        return record instanceof BinaryContent.Deferred deferred ? deferred.render() : record;
    }

    /**
     * Runs {@code work} as a view's finder runs: in a read-only transaction of the tenant (row-level security on),
     * with a {@link RequestContext} holding its settings, the clock and the plugin's repositories.
     */
    public <T> T read(String tenantId, DomainPlugin<?> plugin, Object settings, Function<RequestContext, T> work) {
        return database.inTenantTransaction(tenantId, plugin, entityManager -> {
            entityManager.createNativeQuery("set transaction read only").executeUpdate();
            return work.apply(new EngineRequestContext(tenantId, settings, clock, entityManager,
                    database.repositories(plugin)));
        });
    }

    /** The action {@code resource} of the plugin, if it has one. */
    public static Optional<Action<?>> action(DomainPlugin<?> plugin, String resource) {
        return plugin.actions().stream().filter(action -> action.resource().equals(resource)).findFirst()
                .map(action -> (Action<?>) action);
    }

    /**
     * Reads the body into the action's items ({@link ActionInput}) and runs its executor in one transaction of the
     * tenant; returns what the executor answered.
     */
    public Object act(String tenantId, DomainPlugin<?> plugin, Action<?> action, Object settings, String contentType,
            InputStream body) {
        return run(tenantId, plugin, action, settings, contentType, body);
    }

    private <I> Object run(String tenantId, DomainPlugin<?> plugin, Action<I> action, Object settings, String contentType,
            InputStream body) {
        List<I> items = ActionInput.read(action, contentType, body, validation);
        return database.inTenantTransaction(tenantId, plugin, entityManager -> action.executor().execute(items,
                new EngineRequestContext(tenantId, settings, clock, entityManager, database.repositories(plugin))));
    }
}
