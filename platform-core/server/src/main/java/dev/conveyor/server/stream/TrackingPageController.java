package dev.conveyor.server.stream;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.stream.StreamEvent;
import dev.conveyor.engine.stream.TrackingLinkExpiredException;
import dev.conveyor.engine.stream.TrackingLinks;
import dev.conveyor.engine.stream.TrackingLinks.TrackingLink;
import dev.conveyor.server.api.Problems;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
    /** Shown as the status and the history's times (or used to show times), not again among the details. */
    private static final Set<String> HEADLINED = Set.of("status", "occurredAt", "timeZone");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm zzz", Locale.ENGLISH);
    /** Named so, not as the offset {@code Z}: browsers read the zone's id too. */
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final ConveyorEngine engine;
    private final TrackingLinks links;

    TrackingPageController(ConveyorEngine engine, TrackingLinks links) {
        this.engine = requireNonNull(engine, "engine is null");
        this.links = requireNonNull(links, "links is null");
    }

    /** One line of the history, newest first on the page: when in words (in the subject's zone) and as an instant. */
    record Entry(long id, String label, String when, String occurredAt, Map<String, String> details) {
    }

    @GetMapping(path = "/track/{token}", produces = MediaType.TEXT_HTML_VALUE)
    String page(@PathVariable String token, Model model) {
        TrackingLink link = links.verify(token);
        List<StreamEvent> events = engine.streams().history(link.tenantId(), link.subject(), HISTORY);
        List<Entry> history = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        long lastId = 0;
        ZoneId zone = UTC;
        for (StreamEvent event : events) {
            Map<String, Object> message = StreamMessages.of(event);
            JsonNode data = (JsonNode) message.get("data");
            zone = zoneOf(data, zone);
            Map<String, String> details = details(data, zone);
            current.putAll(details);
            history.addFirst(new Entry(event.id(), (String) message.get("label"), WHEN.format(event.occurredAt().atZone(zone)),
                    event.occurredAt().toString(), details));
            lastId = event.id();
        }
        PageBranding.addTo(model.asMap(), engine, link.tenantId());
        boolean appointment = link.subject().kind().equals("appointment");
        model.addAttribute("appointment", appointment);
        model.addAttribute("subjectKind", StatusLabels.words(link.subject().kind()));
        model.addAttribute("subjectKey", link.subject().key());
        model.addAttribute("status", history.isEmpty() ? "No updates yet" : history.getFirst().label());
        model.addAttribute("current", current);
        model.addAttribute("history", history);
        model.addAttribute("lastEventId", lastId);
        model.addAttribute("token", token);
        model.addAttribute("zone", zone.getId());
        return "tracking";
    }

    /**
     * The event's plain fields in words ("Estimated delivery" → "2026-12-04"); the status is the headline. Instants
     * read in {@code zone}: the subject's own (an appointment in its clinic's zone) when its events name one.
     */
    static Map<String, String> details(JsonNode data, ZoneId zone) {
        Map<String, String> details = new LinkedHashMap<>();
        for (var field : data.properties()) {
            JsonNode value = field.getValue();
            if (!HEADLINED.contains(field.getKey()) && value.isValueNode() && !value.isNull()) {
                details.put(StatusLabels.words(field.getKey()), inWords(value.asString(), zone));
            }
        }
        return details;
    }

    /** The zone an event names in {@code timeZone} (IANA), else {@code otherwise}. */
    static ZoneId zoneOf(JsonNode data, ZoneId otherwise) {
        JsonNode named = data.get("timeZone");
        if (named == null || !named.isString()) {
            return otherwise;
        }
        try {
            return ZoneId.of(named.asString());
        } catch (DateTimeException e) {
            return otherwise;
        }
    }

    private static String inWords(String value, ZoneId zone) {
        if (value.length() < 20 || value.length() > 40 || !Character.isDigit(value.charAt(0))) {
            return value;
        }
        try {
            return WHEN.format(Instant.parse(value).atZone(zone));
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    @ExceptionHandler(TrackingLinkExpiredException.class)
    ResponseEntity<ProblemDetail> expired(TrackingLinkExpiredException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.FORBIDDEN, "tracking-link-expired", "Tracking link expired", e.getMessage()));
    }
}
