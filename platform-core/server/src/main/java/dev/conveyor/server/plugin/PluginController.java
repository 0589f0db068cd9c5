package dev.conveyor.server.plugin;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.plugin.PluginFailure;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.settings.SettingProperty;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.RouteAccess;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.StageSettings;
import dev.conveyor.server.security.TenantAccess.Permission;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/plugins[/{id}]}: each installed plugin's default topology, message types, routes and tenant
 * settings ({@code status} {@value #INSTALLED}; settings derived from its settings record: name, type, help, default,
 * required, secret, enum options, nested properties and items), and each plugin that failed to install with the
 * reason ({@value #FAILED}).
 */
@RestController
@RequestMapping(path = "/api/v1/plugins", produces = MediaType.APPLICATION_JSON_VALUE)
class PluginController {

    static final String INSTALLED = "INSTALLED";
    static final String FAILED = "FAILED";

    private final ConveyorEngine engine;

    PluginController(ConveyorEngine engine) {
        this.engine = engine;
    }

    @GetMapping
    List<PluginListing> list() {
        PluginRegistry plugins = engine.plugins();
        Stream<PluginListing> installed = plugins.all().stream()
                .map(plugin -> PluginDescription.of(plugins, plugin));
        return Stream.concat(installed, plugins.failures().stream().map(FailedPlugin::of)).toList();
    }

    @GetMapping("/{id}")
    PluginListing get(@PathVariable String id) {
        PluginRegistry plugins = engine.plugins();
        return plugins.find(id).<PluginListing>map(plugin -> PluginDescription.of(plugins, plugin))
                .or(() -> plugins.failure(id).map(FailedPlugin::of))
                .orElseThrow(() -> new NotFoundException("no plugin '" + id + "' is installed"));
    }

    /** A plugin as listed: installed, or failed to install. */
    sealed interface PluginListing permits PluginDescription, FailedPlugin {
    }

    /** A plugin that failed to install: where it came from and why; its tenants do not run. */
    record FailedPlugin(String id, String status, String source, String reason) implements PluginListing {
        static FailedPlugin of(PluginFailure failure) {
            return new FailedPlugin(failure.id(), FAILED, failure.source(), failure.reason());
        }
    }

    record PluginDescription(
            String id,
            String status,
            String source,
            String displayName,
            List<QueueDescription> queues,
            List<StageDescription> stages,
            List<String> messageTypes,
            List<String> ingestResources,
            List<String> views,
            List<String> actions,
            List<RouteDescription> routes,
            List<SettingProperty> configProperties) implements PluginListing {

        static PluginDescription of(PluginRegistry plugins, DomainPlugin<?> plugin) {
            return new PluginDescription(plugin.id(), INSTALLED, plugins.source(plugin.id()), plugin.displayName(),
                    plugin.topology().queues().stream().map(queue -> QueueDescription.of(plugin, queue)).toList(),
                    plugin.topology().stages().stream().map(StageDescription::of).toList(),
                    plugin.topology().queues().stream().map(queue -> queue.messageType().name()).distinct().toList(),
                    plugin.ingestRoutes().stream().map(IngestRoute::resource).toList(),
                    plugin.views().stream().map(view -> view.resource()).toList(),
                    plugin.actions().stream().map(action -> action.resource()).toList(),
                    Stream.concat(
                            plugin.ingestRoutes().stream().map(route -> RouteDescription.of(route.resource(), "ingest", route.access())),
                            plugin.actions().stream().map(action -> RouteDescription.of(action.resource(), "action", action.access())))
                            .toList(),
                    plugins.settings(plugin.id()).properties());
        }
    }

    /**
     * A route a tenant's keys may {@code POST} to, with the access its plugin declares and the tenant key scopes that
     * have it (platform admins may call every route).
     */
    record RouteDescription(String resource, String kind, RouteAccess access, List<String> scopes) {
        static RouteDescription of(String resource, String kind, RouteAccess access) {
            return new RouteDescription(resource, kind, access, Permission.of(access).scopes());
        }
    }

    record QueueDescription(String name, String messageType, boolean entry, List<String> subscribers) {
        static QueueDescription of(DomainPlugin<?> plugin, Queue<?> queue) {
            return new QueueDescription(queue.name(), queue.messageType().name(), plugin.topology().isEntryQueue(queue.name()),
                    plugin.topology().subscribers(queue.name()).stream().map(Stage::name).toList());
        }
    }

    record StageDescription(String name, String consumes, Set<String> emits, StageSettings settings) {
        static StageDescription of(Stage<?> stage) {
            return new StageDescription(stage.name(), stage.consumes().name(),
                    stage.emits().stream().map(Queue::name).collect(Collectors.toCollection(LinkedHashSet::new)),
                    stage.settings());
        }
    }
}
