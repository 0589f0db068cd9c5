package dev.conveyor.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

final class ApiErrorsTest {

    @Test
    void anAnswerListsAtMostAHundredViolationsAndCountsTheRest() {
        List<Violation> violations = IntStream.range(0, 20_000)
                .mapToObj(index -> new Violation("items[" + index + "].sku", "is required"))
                .toList();

        ProblemDetail problem = new ApiErrors().invalid(new ValidationException("order", violations));

        @SuppressWarnings("unchecked")
        List<Map<String, String>> listed = (List<Map<String, String>>) problem.getProperties().get("violations");
        assertThat(listed).hasSize(ApiErrors.MAX_VIOLATIONS + 1);
        assertThat(listed.getLast()).containsEntry("field", "$");
        assertThat(listed.getLast().get("message")).startsWith("and 19900 more");
        assertThat(problem.getDetail()).hasSizeLessThan(1_000).endsWith("and 19990 more");
    }

    @Test
    void aFewViolationsAreAllListed() {
        ProblemDetail problem = new ApiErrors().invalid(new ValidationException("order",
                List.of(new Violation("orderId", "is required"), new Violation("items", "must list at least one item"))));

        assertThat((List<?>) problem.getProperties().get("violations")).hasSize(2);
        assertThat(problem.getDetail()).isEqualTo("order is invalid: orderId: is required; items: must list at least one item");
    }
}
