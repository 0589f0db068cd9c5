package dev.conveyor.server.api;

import dev.conveyor.engine.ConflictException;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.PreconditionFailedException;
import dev.conveyor.engine.database.DatabaseUnavailableException;
import dev.conveyor.engine.budget.BudgetExceededException;
import dev.conveyor.engine.budget.IngestRateExceededException;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.context.request.WebRequest;
import tools.jackson.core.JacksonException;
import dev.conveyor.engine.ingest.IdempotencyConflictException;
import dev.conveyor.engine.outbox.MessageTooLargeException;
import java.net.URI;
import java.util.ArrayList;
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

    /** The most violations one answer lists; the rest are counted in a last entry, so an answer stays small. */
    static final int MAX_VIOLATIONS = 100;

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler(ValidationException.class)
    ProblemDetail invalid(ValidationException e) {
        return withViolations(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage()),
                e.violations());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "conflict", "Conflict", e.getMessage());
    }

    @ExceptionHandler(PreconditionFailedException.class)
    ProblemDetail preconditionFailed(PreconditionFailedException e) {
        return problem(HttpStatus.PRECONDITION_FAILED, "version-mismatch", "Version mismatch", e.getMessage());
    }

    @ExceptionHandler(Versions.PreconditionRequiredException.class)
    ProblemDetail preconditionRequired(Versions.PreconditionRequiredException e) {
        return problem(HttpStatus.PRECONDITION_REQUIRED, "if-match-required", "If-Match required", e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
    }

    /** Names what Jackson could not read (an unknown field, a wrong type) instead of "failed to read request". */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(requestTooLarge(tooLarge));
            }
        }
        Throwable cause = e.getMostSpecificCause();
        String detail = cause instanceof JacksonException jackson
                ? "the request body does not fit at " + EnvelopeCodec.jsonPath(jackson) + ": " + jackson.getOriginalMessage()
                : "the request body is not readable JSON: " + cause.getMessage();
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable body", detail));
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ProblemDetail requestTooLarge(RequestTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large", e.getMessage());
    }

    private static ProblemDetail withViolations(ProblemDetail problem, List<Violation> violations) {
        List<Map<String, String>> listed = new ArrayList<>(violations.stream()
                .limit(MAX_VIOLATIONS)
                .map(violation -> Map.of("field", violation.field(), "message", violation.message()))
                .toList());
        if (violations.size() > MAX_VIOLATIONS) {
            listed.add(Map.of("field", "$", "message", "and " + (violations.size() - MAX_VIOLATIONS)
                    + " more; fix the ones listed and send it again"));
        }
        problem.setProperty("violations", listed);
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

    /** Not taken: the client retries after Retry-After (with the same Idempotency-Key, which makes that safe). */
    @ExceptionHandler(DatabaseUnavailableException.class)
    ResponseEntity<ProblemDetail> databaseUnavailable(DatabaseUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(e))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable", e.getMessage()));
    }

    static String retryAfterSeconds(DatabaseUnavailableException e) {
        return Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000));
    }

    /** Over the tenant's budget: 429 for its ingest rate, 503 while its connections are all in use; both retryable. */
    @ExceptionHandler(BudgetExceededException.class)
    ResponseEntity<ProblemDetail> overBudget(BudgetExceededException e) {
        boolean rate = e instanceof IngestRateExceededException;
        HttpStatus status = rate ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE;
        return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(status, rate ? "ingest-rate-exceeded" : "tenant-busy",
                        rate ? "Ingest rate exceeded" : "Tenant busy", e.getMessage()));
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
