package dev.conveyor.deploy;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One demo tenant's story: how its tenant is configured and prepared, what its traffic looks like, and how to
 * tell from the API that one of its requests has gone all the way through.
 */
interface DemoScenario {

    JsonMapper JSON = JsonMapper.builder().build();

    String tenant();

    String plugin();

    String displayName();

    /** The plugin settings the tenant is created with. */
    Map<String, String> config();

    /** What the pipeline's end-to-end latency measures, for the summary. */
    String latencyLabel();

    /** Anything the tenant needs before traffic starts (stock, say). */
    default void prepare(DemoApi api) throws IOException, InterruptedException {
    }

    /** The n-th request of this run: where it is posted, the key its outcome is read by, and the JSON body. */
    Request request(int n);

    /**
     * The outcome of the request under {@code key} once it is final, else empty. May act as the outside world
     * (a carrier scanning a parcel) to move it along.
     */
    Optional<Outcome> outcome(DemoApi api, String key) throws IOException, InterruptedException;

    record Request(String resource, String key, String json) {
    }

    /**
     * @param completed true when the request went all the way through (notified, delivered, booked), false when it
     *                  ended turned down for a business reason
     * @param latencyMillis enqueue-to-end latency as the server recorded it, when it did
     */
    record Outcome(boolean completed, String reason, Long latencyMillis) {
    }

    static Optional<JsonNode> get(DemoApi api, String path) throws IOException, InterruptedException {
        var response = api.get(path);
        return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    }

    static Long millisBetween(JsonNode node, String from, String to) {
        JsonNode start = node.get(from);
        JsonNode end = node.get(to);
        if (start == null || end == null || start.isNull() || end.isNull()) {
            return null;
        }
        return java.time.Duration.between(java.time.Instant.parse(start.asString()), java.time.Instant.parse(end.asString()))
                .toMillis();
    }
}
