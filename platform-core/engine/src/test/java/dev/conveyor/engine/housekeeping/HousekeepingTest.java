package dev.conveyor.engine.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class HousekeepingTest {

    @Test
    void aLoopWhoseRunThrowsEvenAnErrorRunsAgainAndCountsTheFailure() {
        AtomicInteger runs = new AtomicInteger();
        try (Housekeeping housekeeping = new Housekeeping(1)) {
            housekeeping.every("flaky", Duration.ZERO, Duration.ofMillis(20), () -> {
                if (runs.incrementAndGet() <= 2) {
                    throw new AssertionError("an Error, which would end a plain scheduled task for good");
                }
            });

            await().atMost(Duration.ofSeconds(5)).until(() -> runs.get() >= 4);
            assertThat(housekeeping.status()).singleElement().satisfies(loop -> {
                assertThat(loop.name()).isEqualTo("flaky");
                assertThat(loop.failures()).isEqualTo(2);
                assertThat(loop.lastFailure()).isEqualTo("AssertionError");
                assertThat(loop.stalled()).isFalse();
            });
        }
    }

    @Test
    void aLoopStuckInARunIsReportedStalled() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        try (Housekeeping housekeeping = new Housekeeping(1, Duration.ofMillis(200))) {
            housekeeping.every("stuck", Duration.ZERO, Duration.ofMillis(1), () -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            await().atMost(Duration.ofSeconds(5)).until(() -> housekeeping.status().getFirst().stalled());
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> !housekeeping.status().getFirst().stalled());
        }
    }
}
