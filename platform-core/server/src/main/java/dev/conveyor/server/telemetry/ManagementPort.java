package dev.conveyor.server.telemetry;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The port of the separate management server ({@code management.server.port}), once it listens. Requests on it come
 * from inside the cluster (the chart exposes it to Prometheus and KEDA, never through the ingress), so its actuator
 * endpoints need no API key; without a separate port, actuator endpoints other than health need a platform admin's.
 */
public final class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

    private volatile int port = -1;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    /** Whether the request arrived on the separate management port. */
    public boolean receivedOn(HttpServletRequest request) {
        int management = port;
        return management > 0 && request.getLocalPort() == management;
    }
}
