package dev.conveyor.server.telemetry;

import dev.conveyor.engine.telemetry.Telemetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's meters into Boot's registry and its spans through Boot's OpenTelemetry SDK (no-op without one). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TelemetryProperties.class)
class TelemetryConfiguration {

    @Bean
    Telemetry engineTelemetry(MeterRegistry registry, ObjectProvider<OpenTelemetry> openTelemetry,
            TelemetryProperties properties) {
        return Telemetry.of(registry, openTelemetry.getIfAvailable(OpenTelemetry::noop), properties.tenantTag());
    }

    @Bean
    ManagementPort managementPort() {
        return new ManagementPort();
    }

    @Bean
    FilterRegistrationBean<IngestAnswers> ingestAnswers(MeterRegistry registry, TelemetryProperties properties) {
        FilterRegistrationBean<IngestAnswers> registration = new FilterRegistrationBean<>(
                new IngestAnswers(registry, properties.tenantTag()));
        registration.addUrlPatterns("/api/v1/tenants/*");
        return registration;
    }
}
