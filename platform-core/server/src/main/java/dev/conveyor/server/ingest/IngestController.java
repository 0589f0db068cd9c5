package dev.conveyor.server.ingest;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.ingest.Accepted;
import dev.conveyor.server.security.TenantAccess;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/tenants/{tenant}/{resource}}. For a plugin's ingest route: validates the JSON body against
 * the route's message type and enqueues it, 202 with the message id; an {@code Idempotency-Key} makes a retried
 * request get the first answer (and {@code Idempotent-Replayed: true}). For a plugin action (such as loading
 * stock from CSV): runs it and answers 200 with its result.
 */
@RestController
class IngestController {

    private static final int MAX_KEY_LENGTH = 200;

    private final ConveyorEngine engine;
    private final TenantAccess access;

    IngestController(ConveyorEngine engine, TenantAccess access) {
        this.engine = engine;
        this.access = access;
    }

    @PostMapping(path = "/api/v1/tenants/{tenant}/{resource}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv"}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> post(@PathVariable String tenant, @PathVariable String resource, HttpServletRequest request,
            @RequestHeader(name = "Content-Type") MediaType contentType,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey)
            throws HttpMediaTypeNotSupportedException, IOException {
        // The body is read only once the key may use the route: a key without the right does not get to stream
        // megabytes at the server first (the size limit holds on the stream either way).
        if (engine.hasAction(tenant, resource)) {
            access.requireRoute(tenant, resource);
            return ResponseEntity.ok(engine.act(tenant, resource, contentType.getType() + "/" + contentType.getSubtype(),
                    body(request, contentType)));
        }
        access.requireRoute(tenant, resource);
        if (!MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
            throw new HttpMediaTypeNotSupportedException(contentType, java.util.List.of(MediaType.APPLICATION_JSON));
        }
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            throw new IllegalArgumentException("Idempotency-Key must be 1-" + MAX_KEY_LENGTH + " characters");
        }
        Accepted accepted = engine.ingest(tenant, resource, body(request, contentType), Optional.ofNullable(idempotencyKey));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Idempotent-Replayed", Boolean.toString(accepted.replayed()))
                .body(new AcceptedResponse(accepted.messageId(), tenant, accepted.queue(), "ACCEPTED"));
    }

    private static String body(HttpServletRequest request, MediaType contentType) throws IOException {
        Charset charset = contentType.getCharset() == null ? StandardCharsets.UTF_8 : contentType.getCharset();
        return new String(request.getInputStream().readAllBytes(), charset);
    }

    record AcceptedResponse(String messageId, String tenant, String queue, String status) {
    }
}
