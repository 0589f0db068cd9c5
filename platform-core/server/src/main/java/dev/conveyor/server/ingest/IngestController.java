package dev.conveyor.server.ingest;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.EngineException;
import dev.conveyor.engine.ErrorCode;
import dev.conveyor.engine.ingest.Accepted;
import dev.conveyor.engine.ingest.Ingest;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import dev.conveyor.server.ConveyorProperties;
import dev.conveyor.server.security.TenantAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/tenants/{tenant}/{resource}}. For a plugin's ingest route: reads the JSON body into the route's
 * message type, validates it and enqueues it, 202 with the message id; an {@code Idempotency-Key} makes a retried
 * request get the first answer (and {@code Idempotent-Replayed: true}). For a plugin action: the engine reads the
 * body in one of the media types the action accepts (JSON, CSV) and runs it, 200 with its result.
 */
@RestController
class IngestController {

    private static final int MAX_KEY_LENGTH = 200;

    private final ConveyorEngine engine;
    private final TenantAccess access;
    private final AnswerDeadline answerDeadline;

    IngestController(ConveyorEngine engine, TenantAccess access, ConveyorProperties properties) {
        this.engine = engine;
        this.access = access;
        this.answerDeadline = new AnswerDeadline(properties.ingestAnswerDeadline());
    }

    @PostMapping(path = "/api/v1/tenants/{tenant}/{resource}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> post(@PathVariable String tenant, @PathVariable String resource, HttpServletRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) throws IOException {
        // The body is read only once the key may use the route: a key without the right does not get to stream
        // megabytes at the server first (the size limit holds on the stream either way).
        access.requireRoute(tenant, resource);
        if (engine.routes().hasAction(tenant, resource)) {
            return ResponseEntity.ok(engine.routes().act(tenant, resource, request.getContentType(), request.getInputStream()));
        }
        MediaType contentType = contentType(request);
        if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
            throw new EngineException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "'" + resource + "' reads application/json, not "
                    + (contentType == null ? "a body without Content-Type" : contentType.toString())
                    + "; send the message as JSON with Content-Type: application/json");
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            throw new ValidationException("the request", List.of(new Violation("Idempotency-Key",
                    "must be 1-" + MAX_KEY_LENGTH + " characters")));
        }
        String body = new String(request.getInputStream().readAllBytes(), charset(contentType));
        // Reading and checking the body is bounded CPU work: a bad request gets its 400 whatever the load. Only what
        // waits on Postgres and the queue service runs against the answer deadline.
        Ingest.CheckedMessage checked = engine.routes().check(tenant, resource, body);
        Accepted accepted = answerDeadline.within(() -> engine.routes().accept(checked, Optional.ofNullable(idempotencyKey)));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Idempotent-Replayed", Boolean.toString(accepted.replayed()))
                .body(new AcceptedResponse(accepted.messageId(), tenant, accepted.queue(), "ACCEPTED"));
    }

    private static Charset charset(MediaType contentType) {
        try {
            return contentType.getCharset() == null ? StandardCharsets.UTF_8 : contentType.getCharset();
        } catch (RuntimeException e) {
            throw new EngineException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "charset '" + contentType.getParameter("charset")
                    + "' is not one this server reads; send UTF-8");
        }
    }

    private static MediaType contentType(HttpServletRequest request) {
        try {
            return request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType());
        } catch (RuntimeException e) {
            return null;
        }
    }

    record AcceptedResponse(String messageId, String tenant, String queue, String status) {
    }
}
