package dev.conveyor.engine.routing;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConflictException;
import dev.conveyor.engine.EngineException;
import dev.conveyor.engine.ErrorCode;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.budget.TenantBudgets;
import dev.conveyor.engine.ingest.Accepted;
import dev.conveyor.engine.ingest.Ingest;
import dev.conveyor.engine.request.PluginRequests;
import dev.conveyor.engine.runtime.TenantRuntime;
import dev.conveyor.engine.runtime.TenantRuntimes;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.sdk.Action;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.RequestContext;
import dev.conveyor.sdk.RouteAccess;
import dev.conveyor.sdk.Subject;
import dev.conveyor.sdk.TrackingLookup;
import dev.conveyor.sdk.ValidationException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Function;

/**
 * A tenant's HTTP resources as its plugin declares them: ingest routes (messages into its entry queues), actions
 * (decoded, validated items run in one transaction) and views (read-only lookups), each answered from the running
 * tenant.
 */
public final class PluginRoutes {

    private final TenantRuntimes runtimes;
    private final Ingest ingest;
    private final PluginRequests requests;
    private final TenantBudgets budgets;

    public PluginRoutes(TenantRuntimes runtimes, Ingest ingest, PluginRequests requests, TenantBudgets budgets) {
        this.runtimes = requireNonNull(runtimes, "runtimes is null");
        this.ingest = requireNonNull(ingest, "ingest is null");
        this.requests = requireNonNull(requests, "requests is null");
        this.budgets = requireNonNull(budgets, "budgets is null");
    }

    /**
     * Accepts a JSON payload submitted to the tenant's ingest resource (such as {@code orders}).
     *
     * @throws ConflictException when the tenant is suspended
     * @throws dev.conveyor.engine.budget.IngestRateExceededException when the tenant is over its ingest budget
     */
    public Accepted ingest(String tenantId, String resource, String json, Optional<String> idempotencyKey) {
        return accept(check(tenantId, resource, json), idempotencyKey);
    }

    /**
     * The first half of {@link #ingest}: the route found, the tenant's ingest budget taken, the payload read and
     * checked, without a database query or a storage call (the tenant's runtime is this process's); the API runs
     * it before its answer deadline starts, so a bad request is a 400 however slow the dependencies are.
     */
    public Ingest.CheckedMessage check(String tenantId, String resource, String json) {
        TenantRuntime runtime = runtimes.running(tenantId);
        if (!runtime.consuming()) {
            throw new ConflictException("tenant '" + tenantId + "' is suspended and accepts no messages; resume it first");
        }
        TenantTopology topology = runtime.topology();
        IngestRoute<?> route = topology.plugin().ingestRoutes().stream()
                .filter(candidate -> candidate.resource().equals(resource))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("tenant '" + tenantId + "' accepts no '" + resource
                        + "' (it accepts: " + String.join(", ", topology.plugin().ingestRoutes().stream()
                                .map(IngestRoute::resource).toList()) + ")"));
        budgets.admitIngest(tenantId);
        return ingest.check(topology, route.queue().name(), json);
    }

    /** The second half of {@link #ingest}: the checked message written to the outbox and sent. */
    public Accepted accept(Ingest.CheckedMessage message, Optional<String> idempotencyKey) {
        return ingest.accept(message, idempotencyKey);
    }

    /** Whether the tenant's plugin serves {@code resource} as an action (rather than as an ingest route). */
    public boolean hasAction(String tenantId, String resource) {
        return PluginRequests.action(runtimes.running(tenantId).topology().plugin(), resource).isPresent();
    }

    /**
     * Which of the tenant's keys may call its ingest route or action {@code resource}, as the plugin declares it;
     * empty when the plugin has no such route. Answered from the running tenant, without a database query.
     *
     * @throws NotFoundException when the tenant does not exist (or was deleted)
     */
    public Optional<RouteAccess> access(String tenantId, String resource) {
        DomainPlugin<?> plugin = runtimes.running(tenantId).topology().plugin();
        return PluginRequests.action(plugin, resource).map(Action::access)
                .or(() -> plugin.ingestRoutes().stream().filter(route -> route.resource().equals(resource))
                        .map(IngestRoute::access).findFirst());
    }

    /**
     * Runs a plugin action: reads {@code body} (in {@code contentType}, one the action accepts) into its items, checks
     * each, and runs the action in one transaction scoped to the tenant.
     *
     * @param contentType the body's media type as sent, or null when the request gave none
     * @throws EngineException     ({@link ErrorCode#UNSUPPORTED_MEDIA_TYPE}) when the action does not read that type
     * @throws ValidationException naming every unreadable or invalid item, or too many of them
     */
    public Object act(String tenantId, String resource, String contentType, InputStream body) {
        TenantRuntime runtime = runtimes.running(tenantId);
        Action<?> action = PluginRequests.action(runtime.topology().plugin(), resource)
                .orElseThrow(() -> new NotFoundException("tenant '" + tenantId + "' has no action '" + resource + "'"));
        return requests.act(tenantId, runtime.topology().plugin(), action, runtime.instance().settings(), contentType, body);
    }

    /**
     * Looks a record up in a plugin view, in a read-only transaction scoped to the tenant. A document the view
     * renders later ({@link dev.conveyor.sdk.BinaryContent.Deferred}) is rendered once that transaction has closed.
     *
     * @throws NotFoundException   when the tenant, view or record does not exist
     * @throws ValidationException when the key is malformed for the view
     */
    public Object view(String tenantId, String resource, String key) {
        TenantRuntime runtime = runtimes.running(tenantId);
        return requests.view(tenantId, runtime.topology().plugin(), runtime.instance().settings(), resource, key);
    }

    /** How customers of the tenant find a tracking page without a link, if its plugin offers a way. */
    public Optional<TrackingLookup> trackingLookup(String tenantId) {
        return runtimes.running(tenantId).topology().plugin().trackingLookup();
    }

    /**
     * The subject {@code reference} names when {@code proof} matches it, by the plugin's lookup (in a read-only
     * transaction of the tenant); empty when either does not match or the plugin offers no lookup.
     */
    public Optional<Subject> findTracked(String tenantId, String reference, String proof) {
        TenantRuntime runtime = runtimes.running(tenantId);
        Optional<TrackingLookup> lookup = runtime.topology().plugin().trackingLookup();
        if (lookup.isEmpty()) {
            return Optional.empty();
        }
        return requests.read(tenantId, runtime.topology().plugin(), runtime.instance().settings(),
                context -> requireNonNull(lookup.get().finder().find(reference, proof, context),
                        "the tracking lookup returned null, not an Optional"));
    }

    /**
     * Runs {@code work} as a view's finder runs: in a read-only transaction of the tenant, with the request context a
     * finder gets (its settings, the clock, the plugin's repositories). For plugin authors' tests (the testkit).
     */
    public <T> T read(String tenantId, Function<RequestContext, T> work) {
        TenantRuntime runtime = runtimes.running(tenantId);
        return requests.read(tenantId, runtime.topology().plugin(), runtime.instance().settings(), work);
    }
}
