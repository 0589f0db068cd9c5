package dev.conveyor.server.stream;

import dev.conveyor.engine.stream.StreamEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An event as a stream's message and a page's timeline entry: one shape for both. */
final class StreamMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StreamMessages() {
    }

    static Map<String, Object> of(StreamEvent event) {
        JsonNode data = JSON.readTree(event.data());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", event.id());
        message.put("type", event.type());
        message.put("subject", Map.of("kind", event.subject().kind(), "key", event.subject().key()));
        message.put("occurredAt", event.occurredAt().toString());
        message.put("label", StatusLabels.of(event, data));
        message.put("data", data);
        return message;
    }

    static String json(StreamEvent event) {
        return JSON.writeValueAsString(of(event));
    }
}
