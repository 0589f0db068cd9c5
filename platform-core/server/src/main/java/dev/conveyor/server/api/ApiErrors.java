package dev.conveyor.server.api;

import dev.conveyor.engine.EngineException;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Turns what the engine reports into RFC 9457 problem details ({@link Problems}) whose {@code detail} names the
 * problem and the fix: an {@link EngineException} by its code, a {@link ValidationException} as 400 listing its
 * violations. Spring's own errors (unknown route, malformed request) get the same format; anything else is a bug,
 * answered 500 without its message (logged with an id the answer gives).
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /** The most violations one answer lists; the rest are counted in a last entry, so an answer stays small. */
    static final int MAX_VIOLATIONS = 100;

    @ExceptionHandler(EngineException.class)
    ResponseEntity<ProblemDetail> engine(EngineException e) {
        return Problems.of(e);
    }

    @ExceptionHandler(ValidationException.class)
    ProblemDetail invalid(ValidationException e) {
        return withViolations(Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage()),
                e.violations());
    }

    @ExceptionHandler(Versions.PreconditionRequiredException.class)
    ProblemDetail preconditionRequired(Versions.PreconditionRequiredException e) {
        return Problems.of(HttpStatus.PRECONDITION_REQUIRED, "if-match-required", "If-Match required", e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
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
                .body(Problems.of(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable body", detail));
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ProblemDetail requestTooLarge(RequestTooLargeException e) {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large", e.getMessage());
    }

    /** The body could not be read to its end: over the size limit (413), or the client broke off (400). */
    @ExceptionHandler(UncheckedIOException.class)
    ProblemDetail unreadableBody(UncheckedIOException e) {
        if (e.getCause() instanceof RequestTooLargeException tooLarge) {
            return requestTooLarge(tooLarge);
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable body",
                "the request body could not be read to its end; send it again");
    }

    /** A bug (an IllegalArgumentException from the code included): 500, its message kept out of the answer. */
    @ExceptionHandler(RuntimeException.class)
    ProblemDetail unexpected(RuntimeException e) {
        String id = UUID.randomUUID().toString();
        log.error("unexpected failure {} while serving a request", id, e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the server failed unexpectedly (error id " + id + "); it is logged, and retrying may not help");
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
}
