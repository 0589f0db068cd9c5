package dev.conveyor.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.engine.EngineException;
import dev.conveyor.engine.ErrorCode;
import dev.conveyor.engine.NotFoundException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

final class ProblemsTest {

    @Test
    void everyErrorCodeHasOneStatus() {
        assertThat(Problems.of(new NotFoundException("tenant 'x' does not exist")).getStatusCode().value()).isEqualTo(404);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(Problems.of(new EngineException(code, "it failed")).getStatusCode().value()).isBetween(400, 599);
        }
    }

    @Test
    void aPassingFailureSaysWhenToRetry() {
        ResponseEntity<ProblemDetail> answer = Problems.of(new EngineException(ErrorCode.UNAVAILABLE, "busy",
                Duration.ofMillis(1500), null));

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
    }

    @Test
    void anIllegalArgumentFromABugIsAServerErrorThatKeepsItsMessageOut() {
        ProblemDetail problem = new ApiErrors().unexpected(new IllegalArgumentException("internal detail"));

        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getDetail()).doesNotContain("internal detail");
    }
}
