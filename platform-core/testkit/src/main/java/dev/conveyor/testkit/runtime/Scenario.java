package dev.conveyor.testkit.runtime;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * What a stimulus started ({@link TestTenant#ingest}): wait for its outcome with {@link #andWaitFor}, never with
 * {@code Thread.sleep}.
 *
 * <pre>{@code
 * JsonNode order = tenant.ingest("orders", order).andWaitFor(view("orders", "EC-1"),
 *         view -> view.path("status").asString().equals("SHIPPED"));
 * }</pre>
 */
public final class Scenario {

    private final TestTenant tenant;
    private final String messageId;

    Scenario(TestTenant tenant, String messageId) {
        this.tenant = tenant;
        this.messageId = messageId;
    }

    /** The id the platform gave the message (its dead letter, if it fails, carries it). */
    public String messageId() {
        return messageId;
    }

    public TestTenant tenant() {
        return tenant;
    }

    /** Waits up to {@link TestTenant#DEFAULT_WAIT} until {@code probe} meets {@code condition}; returns its value. */
    public <T> T andWaitFor(Probe<T> probe, Predicate<? super T> condition) {
        return tenant.waitFor(probe, condition);
    }

    /** Waits up to {@code atMost} until {@code probe} meets {@code condition}; returns its value. */
    public <T> T andWaitFor(Probe<T> probe, Predicate<? super T> condition, Duration atMost) {
        return tenant.waitFor(probe, condition, atMost);
    }
}
