package dev.conveyor.testkit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Waiting needs no engine: what it reads comes from the probe. */
final class ScenarioWaitTest {

    private final TestTenant tenant = new TestTenant(null, null, "acme-1", null);

    @Test
    void returnsTheFirstValueThatMeetsTheCondition() {
        AtomicInteger reads = new AtomicInteger();

        int value = tenant.waitFor(Probe.of("a counter", reads::incrementAndGet), count -> count >= 3);

        assertThat(value).isEqualTo(3);
    }

    @Test
    void failsNamingWhatItAwaitedAndTheLastValueItSaw() {
        assertThatThrownBy(() -> tenant.waitFor(Probe.of("the order's status", () -> "CONFIRMED"), "SHIPPED"::equals,
                Duration.ofMillis(300)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("tenant 'acme-1'")
                .hasMessageContaining("the order's status")
                .hasMessageContaining("last seen: CONFIRMED");
    }

    @Test
    void aValueNotThereYetAndAConditionThatThrowsAreWaitedThrough() {
        AtomicInteger reads = new AtomicInteger();

        String value = tenant.waitFor(Probe.of("a view", () -> reads.incrementAndGet() < 3 ? null : "{}"),
                text -> text.length() == 2);

        assertThat(value).isEqualTo("{}");
        assertThatThrownBy(() -> tenant.waitFor(Probe.of("a view", () -> "x"), text -> text.charAt(5) == 'y',
                Duration.ofMillis(200))).hasMessageContaining("the condition threw");
    }
}
