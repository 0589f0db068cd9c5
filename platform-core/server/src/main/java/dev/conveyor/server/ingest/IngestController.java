package dev.conveyor.server.ingest;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.ingest.Accepted;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/tenants/{tenant}/{resource}}: validates the JSON body against the message type of the
 * plugin's ingest route and enqueues it. 202 with the message id; with an {@code Idempotency-Key}, a retried
 * request gets the first answer (and {@code Idempotent-Replayed: true}).
 */
@RestController
class IngestController {

    private static final int MAX_KEY_LENGTH = 200;

    private final ConveyorEngine engine;

    IngestController(ConveyorEngine engine) {
        this.engine = engine;
    }

    @PostMapping(path = "/api/v1/tenants/{tenant}/{resource}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AcceptedResponse> accept(@PathVariable String tenant, @PathVariable String resource,
            @RequestBody String body, @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            throw new IllegalArgumentException("Idempotency-Key must be 1-" + MAX_KEY_LENGTH + " characters");
        }
        Accepted accepted = engine.ingest(tenant, resource, body, Optional.ofNullable(idempotencyKey));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Idempotent-Replayed", Boolean.toString(accepted.replayed()))
                .body(new AcceptedResponse(accepted.messageId(), tenant, accepted.queue(), "ACCEPTED"));
    }

    record AcceptedResponse(String messageId, String tenant, String queue, String status) {
    }
}
