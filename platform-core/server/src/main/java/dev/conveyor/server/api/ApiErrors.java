package dev.conveyor.server.api;

import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.ingest.IdempotencyConflictException;
import dev.conveyor.engine.ingest.InvalidMessageException;
import dev.conveyor.engine.outbox.MessageTooLargeException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns what the engine reports into RFC 9457 problem details whose {@code detail} names the problem and the fix.
 * Spring's own errors (unsupported media type, unknown route, malformed request) get the same format.
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(InvalidMessageException.class)
    ProblemDetail invalid(InvalidMessageException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-message", "Invalid message", e.getMessage());
        List<Map<String, String>> violations = e.violations().stream()
                .map(violation -> Map.of("field", violation.field(), "message", violation.message()))
                .toList();
        problem.setProperty("violations", violations);
        return problem;
    }

    @ExceptionHandler(IdempotencyConflictException.class)
    ProblemDetail idempotencyConflict(IdempotencyConflictException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused", e.getMessage());
    }

    @ExceptionHandler(MessageTooLargeException.class)
    ProblemDetail tooLarge(MessageTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "message-too-large", "Message too large", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://conveyor.dev/problems/" + type));
        problem.setTitle(title);
        return problem;
    }
}
