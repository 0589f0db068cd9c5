package dev.conveyor.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.engine.EngineException;
import dev.conveyor.engine.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

final class AnswerDeadlineTest {

    private final AnswerDeadline deadline = new AnswerDeadline(Duration.ofMillis(300));

    @Test
    void workThatHangsIsAnswered503InTimeAndMayStillFinish() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        long started = System.nanoTime();

        assertThatThrownBy(() -> deadline.within(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.countDown();
            return "late";
        })).isInstanceOfSatisfying(EngineException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(e.getMessage()).contains("300 ms", "same Idempotency-Key");
        });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        release.countDown();
        assertThat(finished.await(10, TimeUnit.SECONDS)).as("the work was not cut off").isTrue();
    }

    @Test
    void theWorksAnswerAndFailuresComeBackAsTheyAre() {
        MDC.put("tenant", "acme");
        try {
            assertThat(deadline.within(() -> MDC.get("tenant"))).as("the log context travels").isEqualTo("acme");
        } finally {
            MDC.remove("tenant");
        }
        IllegalArgumentException refused = new IllegalArgumentException("bad order");
        assertThatThrownBy(() -> deadline.within(() -> {
            throw refused;
        })).isSameAs(refused);
    }
}
