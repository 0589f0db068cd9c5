package dev.conveyor.server.stream;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.stream.StreamEvent;
import dev.conveyor.engine.stream.TrackingLinkExpiredException;
import dev.conveyor.engine.stream.TrackingLinks;
import dev.conveyor.engine.stream.TrackingLinks.TrackingLink;
import dev.conveyor.server.api.Problems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /track/{token}}: the page a signed link opens, rendered on the server (readable without JavaScript):
 * the subject's current status, its details (estimated delivery, or the appointment's time and clinic) and its
 * history; a script then follows the subject's stream and updates the page without a reload.
 */
@Controller
class TrackingPageController {

    private static final int HISTORY = 100;
    /** Shown as the status and the history's times, not again among the details. */
    private static final java.util.Set<String> HEADLINED = java.util.Set.of("status", "occurredAt");

    private final ConveyorEngine engine;
    private final TrackingLinks links;

    TrackingPageController(ConveyorEngine engine, TrackingLinks links) {
        this.engine = requireNonNull(engine, "engine is null");
        this.links = requireNonNull(links, "links is null");
    }

    /** One line of the history, newest first on the page. */
    record Entry(long id, String label, String occurredAt, Map<String, String> details) {
    }

    @GetMapping(path = "/track/{token}", produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable String token, Model model) {
        TrackingLink link = links.verify(token);
        List<StreamEvent> events = engine.streams().history(link.tenantId(), link.subject(), HISTORY);
        List<Entry> history = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        long lastId = 0;
        for (StreamEvent event : events) {
            Map<String, Object> message = StreamMessages.of(event);
            Map<String, String> details = details((JsonNode) message.get("data"));
            current.putAll(details);
            history.addFirst(new Entry(event.id(), (String) message.get("label"), event.occurredAt().toString(), details));
            lastId = event.id();
        }
        boolean appointment = link.subject().kind().equals("appointment");
        model.addAttribute("appointment", appointment);
        model.addAttribute("subjectKind", StatusLabels.words(link.subject().kind()));
        model.addAttribute("subjectKey", link.subject().key());
        model.addAttribute("status", history.isEmpty() ? "No updates yet" : history.getFirst().label());
        model.addAttribute("current", current);
        model.addAttribute("history", history);
        model.addAttribute("lastEventId", lastId);
        model.addAttribute("token", token);
        return "tracking";
    }

    /** The event's plain fields in words ("Estimated delivery" → "2026-12-04"); the status is the headline. */
    static Map<String, String> details(JsonNode data) {
        Map<String, String> details = new LinkedHashMap<>();
        for (var field : data.properties()) {
            JsonNode value = field.getValue();
            if (!HEADLINED.contains(field.getKey()) && value.isValueNode() && !value.isNull()) {
                details.put(StatusLabels.words(field.getKey()), value.asString());
            }
        }
        return details;
    }

    @ExceptionHandler(TrackingLinkExpiredException.class)
    ResponseEntity<ProblemDetail> expired(TrackingLinkExpiredException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.FORBIDDEN, "tracking-link-expired", "Tracking link expired", e.getMessage()));
    }
}
