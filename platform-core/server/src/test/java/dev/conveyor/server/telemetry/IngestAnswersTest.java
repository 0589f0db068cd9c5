package dev.conveyor.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

final class IngestAnswersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void answersAreCountedByTenantAndStatusButMadeUpTenantsShareOneSeries() throws Exception {
        IngestAnswers answers = new IngestAnswers(registry, true);

        answers.doFilter(ingest("acme"), answered(202), new MockFilterChain());
        answers.doFilter(ingest("acme"), answered(400), new MockFilterChain());
        answers.doFilter(ingest("no-such-tenant-1"), answered(404), new MockFilterChain());
        answers.doFilter(ingest("no-such-tenant-2"), answered(404), new MockFilterChain());

        assertThat(registry.get("conveyor.ingest.requests").tags("tenant", "acme", "status", "202").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("conveyor.ingest.requests").tags("tenant", "acme", "status", "400").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("conveyor.ingest.requests").tags("tenant", "unknown", "status", "404").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("conveyor.ingest.requests").counters()).hasSize(3);
    }

    @Test
    void otherRequestsAreNotCounted() throws Exception {
        IngestAnswers answers = new IngestAnswers(registry, true);
        MockHttpServletRequest keys = new MockHttpServletRequest("POST", "/api/v1/tenants/acme/api-keys");
        keys.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/v1/tenants/{tenant}/api-keys");

        answers.doFilter(keys, answered(201), new MockFilterChain());

        assertThat(registry.find("conveyor.ingest.requests").counters()).isEmpty();
    }

    @Test
    void withoutTheTenantTagEveryTenantCountsAsOne() throws Exception {
        IngestAnswers answers = new IngestAnswers(registry, false);

        answers.doFilter(ingest("acme"), answered(202), new MockFilterChain());
        answers.doFilter(ingest("globex"), answered(202), new MockFilterChain());

        assertThat(registry.get("conveyor.ingest.requests").tags("tenant", "*", "status", "202").counter().count())
                .isEqualTo(2);
    }

    private static MockHttpServletRequest ingest(String tenant) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/tenants/" + tenant + "/orders");
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, IngestAnswers.ROUTE);
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("tenant", tenant, "resource", "orders"));
        return request;
    }

    private static MockHttpServletResponse answered(int status) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setStatus(status);
        return response;
    }
}
