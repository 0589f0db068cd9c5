package dev.conveyor.server.telemetry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code conveyor.telemetry.*}: whether meters carry the tenant tag (one series per tenant, stage and meter; turn it
 * off when tenants run into the thousands), and how often queue backlogs are polled (two storage calls per stage queue
 * of every active tenant per poll).
 */
@ConfigurationProperties("conveyor.telemetry")
public record TelemetryProperties(
        @DefaultValue("true") boolean tenantTag,
        @DefaultValue("10s") Duration backlogPollInterval) {
}
