package dev.conveyor.server.health;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.plugin.PluginFailure;
import dev.conveyor.engine.plugin.PluginRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The installed plugins: UP when every plugin found installed; {@value DependenciesHealthIndicator#DEGRADED} when
 * some failed (their tenants do not run; the others do); DOWN when none is installed, for then no tenant can run.
 * Not part of readiness: the instance still serves the platform's API and the tenants of the plugins it runs, and
 * restarting it or sending it no traffic would not fix a plugin. Details (platform admins only) list each plugin with
 * where it came from, and each failure with the reason.
 */
@Component("plugins")
class PluginsHealthIndicator implements HealthIndicator {

    private final ConveyorEngine engine;

    PluginsHealthIndicator(ConveyorEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        PluginRegistry plugins = engine.plugins();
        Map<String, String> installed = new LinkedHashMap<>();
        plugins.all().forEach(plugin -> installed.put(plugin.id(), plugins.source(plugin.id())));
        Map<String, String> failed = new LinkedHashMap<>();
        for (PluginFailure failure : plugins.failures()) {
            failed.put(failure.id() + " (" + failure.source() + ")", failure.reason());
        }
        Status status = installed.isEmpty() ? Status.DOWN
                : failed.isEmpty() ? Status.UP : new Status(DependenciesHealthIndicator.DEGRADED);
        return Health.status(status).withDetail("installed", installed).withDetail("failed", failed).build();
    }
}
