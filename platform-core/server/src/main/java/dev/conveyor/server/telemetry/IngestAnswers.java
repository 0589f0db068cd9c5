package dev.conveyor.server.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Counts the answers of {@code POST /api/v1/tenants/{tenant}/{resource}} (ingest routes and actions) by status as
 * {@code conveyor.ingest.requests}. The tenant tag is the path's only when the caller reached the tenant's route (not
 * 403 or 404): a made-up tenant name must not mint a time series.
 */
final class IngestAnswers extends OncePerRequestFilter {

    static final String ROUTE = "/api/v1/tenants/{tenant}/{resource}";
    private static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;
    private final boolean tenantTag;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    IngestAnswers(MeterRegistry registry, boolean tenantTag) {
        this.registry = registry;
        this.tenantTag = tenantTag;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            if ("POST".equals(request.getMethod())
                    && ROUTE.equals(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))) {
                count(request, response.getStatus());
            }
        }
    }

    private void count(HttpServletRequest request, int status) {
        String tenant = UNKNOWN;
        if (status != 403 && status != 404 && request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE)
                instanceof Map<?, ?> variables && variables.get("tenant") instanceof String name) {
            tenant = tenantTag ? name : "*";
        }
        String statusText = Integer.toString(status);
        String finalTenant = tenant;
        counters.computeIfAbsent(tenant + '\n' + statusText, key -> Counter.builder("conveyor.ingest.requests")
                .description("Answers to ingest and action requests by status")
                .tags("tenant", finalTenant, "status", statusText)
                .register(registry)).increment();
    }
}
