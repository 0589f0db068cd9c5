package dev.conveyor.server.api;

import dev.conveyor.engine.EngineException;
import dev.conveyor.engine.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place RFC 9457 problem details are made: their type URIs and titles, the HTTP status of each engine
 * {@link ErrorCode}, and the writing of a problem where no controller runs (filters, security handlers).
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** A problem of {@code type} (a slug under https://conveyor.dev/problems/) whose detail names the problem and the fix. */
    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://conveyor.dev/problems/" + type));
        problem.setTitle(title);
        return problem;
    }

    /** The answer to an engine failure: its code's status and type, and Retry-After when it passes. */
    public static ResponseEntity<ProblemDetail> of(EngineException e) {
        Mapping mapping = mapping(e.code());
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(mapping.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        e.retryAfter().ifPresent(retryAfter -> answer.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(retryAfter)));
        return answer.body(of(mapping.status(), mapping.type(), mapping.title(), e.getMessage()));
    }

    /** Whole seconds for a {@code Retry-After} header, at least 1. */
    public static String retryAfterSeconds(Duration retryAfter) {
        return Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }

    /** Writes {@code e}'s answer where no controller runs. */
    public static void write(HttpServletResponse response, EngineException e, String instance) throws IOException {
        ResponseEntity<ProblemDetail> answer = of(e);
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.setHeader(name, value)));
        write(response, answer.getBody(), instance);
    }

    public static void write(HttpServletResponse response, HttpStatus status, String type, String title, String detail,
            String instance) throws IOException {
        write(response, of(status, type, title, detail), instance);
    }

    private static void write(HttpServletResponse response, ProblemDetail problem, String instance) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", instance);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (problem.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        response.getWriter().write(JSON.writeValueAsString(body));
    }

    private record Mapping(HttpStatus status, String type, String title) {
    }

    private static Mapping mapping(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> new Mapping(HttpStatus.NOT_FOUND, "not-found", "Not found");
            case CONFLICT -> new Mapping(HttpStatus.CONFLICT, "conflict", "Conflict");
            case PRECONDITION_FAILED -> new Mapping(HttpStatus.PRECONDITION_FAILED, "version-mismatch", "Version mismatch");
            case IDEMPOTENCY_KEY_REUSED -> new Mapping(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "Idempotency-Key reused");
            case UNSUPPORTED_MEDIA_TYPE -> new Mapping(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Unsupported media type");
            case TOO_LARGE -> new Mapping(HttpStatus.CONTENT_TOO_LARGE, "message-too-large", "Message too large");
            case RATE_LIMITED -> new Mapping(HttpStatus.TOO_MANY_REQUESTS, "ingest-rate-exceeded", "Ingest rate exceeded");
            case UNAVAILABLE -> new Mapping(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable");
            case PLUGIN_FAILED -> new Mapping(HttpStatus.INTERNAL_SERVER_ERROR, "plugin-failed", "Plugin failed");
        };
    }
}
