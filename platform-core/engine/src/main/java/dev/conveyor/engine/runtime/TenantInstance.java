package dev.conveyor.engine.runtime;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConflictException;
import dev.conveyor.engine.EngineException;
import dev.conveyor.engine.ErrorCode;
import dev.conveyor.engine.settings.SettingsModel;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handlers;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the plugin built for one version of a tenant's settings: the settings bound into its record and the handler
 * of every stage. Built once per tenant version (never per message); a plugin that throws while building, or leaves
 * a stage without a handler, fails this tenant only, with a sentence naming the stage.
 */
public record TenantInstance(Object settings, Handlers handlers) {

    public TenantInstance {
        requireNonNull(settings, "settings is null");
        requireNonNull(handlers, "handlers is null");
    }

    /**
     * Binds the tenant's settings and builds its handlers.
     *
     * @throws ConflictException when the stored settings no longer hold the plugin's rules
     * @throws EngineException   ({@link ErrorCode#PLUGIN_FAILED}) when the plugin throws or misses a stage
     */
    public static TenantInstance build(DomainPlugin<?> plugin, SettingsModel<?> settings, TenantSpec tenant) {
        return buildTyped(plugin, settings, tenant);
    }

    @SuppressWarnings("unchecked")
    private static <S> TenantInstance buildTyped(DomainPlugin<?> untyped, SettingsModel<?> untypedSettings,
            TenantSpec tenant) {
        DomainPlugin<S> plugin = (DomainPlugin<S>) untyped;
        S settings;
        try {
            settings = ((SettingsModel<S>) untypedSettings).bind(tenant.config());
        } catch (ValidationException e) {
            throw new ConflictException("tenant '" + tenant.id() + "' cannot run: its stored settings break the rules of"
                    + " plugin '" + plugin.id() + "' (" + e.getMessage() + "); correct them with PATCH /api/v1/tenants/"
                    + tenant.id());
        }
        Handlers handlers;
        try {
            handlers = plugin.handlers(settings);
        } catch (RuntimeException e) {
            throw new EngineException(ErrorCode.PLUGIN_FAILED, "plugin '" + plugin.id()
                    + "' failed to build the handlers of tenant '" + tenant.id() + "': " + e, e);
        }
        if (handlers == null) {
            throw new EngineException(ErrorCode.PLUGIN_FAILED, "plugin '" + plugin.id()
                    + "' built no handlers for tenant '" + tenant.id() + "' (handlers(settings) returned null)");
        }
        List<String> problems = new ArrayList<>();
        Set<String> stages = plugin.topology().stages().stream().map(Stage::name).collect(Collectors.toSet());
        for (Stage<?> stage : plugin.topology().stages()) {
            if (handlers.of(stage.name()).isEmpty()) {
                problems.add("plugin '" + plugin.id() + "' built no handler for stage '" + stage.name() + "' of tenant '"
                        + tenant.id() + "' (it handled: " + (handlers.stages().isEmpty() ? "none"
                                : String.join(", ", handlers.stages().stream().sorted().toList()))
                        + "); every stage of its topology needs one");
            }
        }
        for (String handled : handlers.stages()) {
            if (!stages.contains(handled)) {
                problems.add("plugin '" + plugin.id() + "' built a handler for stage '" + handled
                        + "', which its topology does not have (stages: " + String.join(", ", stages.stream().sorted().toList())
                        + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new EngineException(ErrorCode.PLUGIN_FAILED, String.join("; ", problems));
        }
        return new TenantInstance(settings, handlers);
    }
}
