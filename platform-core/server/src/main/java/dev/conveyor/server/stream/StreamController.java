package dev.conveyor.server.stream;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.stream.TrackingLinkExpiredException;
import dev.conveyor.engine.stream.TrackingLinks;
import dev.conveyor.engine.stream.TrackingLinks.TrackingLink;
import dev.conveyor.sdk.Subject;
import dev.conveyor.server.api.Problems;
import dev.conveyor.server.link.LinkProperties;
import dev.conveyor.server.security.TenantAccess;
import dev.conveyor.server.security.TenantAccess.Permission;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live streams as Server-Sent Events: a tenant's (its dashboards, a tenant key with read access), one subject's (an
 * order, a shipment by tracking number, an appointment; the same key, or a signed tracking link), and the minting of
 * such links. {@code Last-Event-ID} (or {@code ?lastEventId=}) resumes after that event.
 */
@RestController
class StreamController {

    private final EventStreamResponses streams;
    private final TenantAccess access;
    private final TrackingLinks links;
    private final LinkProperties linkProperties;

    StreamController(EventStreamResponses streams, TenantAccess access, TrackingLinks links, LinkProperties linkProperties) {
        this.streams = requireNonNull(streams, "streams is null");
        this.access = requireNonNull(access, "access is null");
        this.links = requireNonNull(links, "links is null");
        this.linkProperties = requireNonNull(linkProperties, "linkProperties is null");
    }

    @GetMapping(path = "/api/v1/tenants/{tenant}/streams", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter tenantStream(@PathVariable String tenant,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(name = "lastEventId", required = false) String lastEventIdParameter) {
        access.require(tenant, Permission.READ);
        return streams.stream(tenant, Optional.empty(), EventStreamResponses.resumeAfter(lastEventId, lastEventIdParameter));
    }

    @GetMapping(path = "/api/v1/tenants/{tenant}/streams/{kind}/{key}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter subjectStream(@PathVariable String tenant, @PathVariable String kind, @PathVariable String key,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(name = "lastEventId", required = false) String lastEventIdParameter) {
        access.require(tenant, Permission.READ);
        return streams.stream(tenant, Optional.of(subject(kind, key)),
                EventStreamResponses.resumeAfter(lastEventId, lastEventIdParameter));
    }

    @GetMapping(path = "/track/{token}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter linkStream(@PathVariable String token,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(name = "lastEventId", required = false) String lastEventIdParameter) {
        TrackingLink link = links.verify(token);
        return streams.stream(link.tenantId(), Optional.of(link.subject()),
                EventStreamResponses.resumeAfter(lastEventId, lastEventIdParameter));
    }

    /** What a tracking link is asked for: a subject, and how long the link opens (default {@code conveyor.links.tracking-ttl}). */
    record LinkRequest(String kind, String key, Duration ttl) {
    }

    record MintedLink(URI url, String kind, String key, String expiresAt) {
    }

    /** A signed link to one subject's page and stream, for the messages that tell a customer about it. */
    @PostMapping(path = "/api/v1/tenants/{tenant}/tracking-links", produces = MediaType.APPLICATION_JSON_VALUE)
    MintedLink mint(@PathVariable String tenant, @RequestBody LinkRequest request) {
        access.require(tenant, Permission.READ);
        Subject subject = subject(request.kind(), request.key());
        Duration ttl = request.ttl() == null ? linkProperties.trackingTtl() : request.ttl();
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(366)) > 0) {
            throw new dev.conveyor.sdk.ValidationException("tracking link", java.util.List.of(new dev.conveyor.sdk.Violation(
                    "ttl", "must be positive and at most a year (P366D), such as P30D")));
        }
        URI url = links.mint(tenant, subject, ttl);
        TrackingLink minted = links.verify(url.getPath().substring(url.getPath().lastIndexOf('/') + 1));
        return new MintedLink(url, subject.kind(), subject.key(), minted.expiresAt().toString());
    }

    @ExceptionHandler(TrackingLinkExpiredException.class)
    ResponseEntity<ProblemDetail> expired(TrackingLinkExpiredException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.FORBIDDEN, "tracking-link-expired", "Tracking link expired", e.getMessage()));
    }

    static Subject subject(String kind, String key) {
        try {
            return Subject.of(kind, key);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new dev.conveyor.sdk.ValidationException("subject", java.util.List.of(new dev.conveyor.sdk.Violation(
                    "subject", e.getMessage() == null ? "kind and key are required" : e.getMessage())));
        }
    }
}
