package dev.conveyor.testkit.runtime;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.deadletter.DeadLetters.DeadLetterFilter;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.sdk.Action;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.RequestContext;
import dev.conveyor.sdk.View;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One tenant of a {@link PluginRuntime}, made for one test: send it messages, call its actions, read its views and
 * dead letters as its API would serve them, and wait for outcomes ({@link #waitFor}) instead of sleeping.
 */
public final class TestTenant {

    /** How long {@link #waitFor} and {@link Scenario#andWaitFor} wait unless told. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
    private static final int MAX_SHOWN = 2_000;

    private final ConveyorEngine engine;
    private final DomainPlugin<?> plugin;
    private final String id;
    private final Object settings;
    private final JsonMapper json = new EnvelopeCodec().json();

    TestTenant(ConveyorEngine engine, DomainPlugin<?> plugin, String id, Object settings) {
        this.engine = engine;
        this.plugin = plugin;
        this.id = id;
        this.settings = settings;
    }

    /** The tenant's id, as its rows carry it in {@code tenant_id}. */
    public String id() {
        return id;
    }

    /** Its settings record, defaults applied, as the plugin's handlers got it. */
    public <S> S settings(Class<S> settingsType) {
        return settingsType.cast(settings);
    }

    /**
     * Posts {@code message} to the ingest route {@code resource} as a client would: a record or map (written as JSON
     * the way the platform writes messages) or a JSON text as it is. It is validated (a
     * {@link dev.conveyor.sdk.ValidationException} naming each broken rule) and enqueued.
     */
    public Scenario ingest(String resource, Object message) {
        requireNonNull(resource, "resource is null");
        requireNonNull(message, "message is null");
        String body = message instanceof String text ? text : json.writeValueAsString(message);
        return new Scenario(this, engine.routes().ingest(id, resource, body, Optional.empty()).messageId());
    }

    /**
     * Calls the action {@code resource} with {@code body} in {@code contentType} ({@code text/csv},
     * {@code application/json}) and returns what it answered.
     *
     * @throws dev.conveyor.sdk.ValidationException naming every unreadable or invalid item
     */
    public Object act(String resource, String contentType, String body) {
        requireNonNull(body, "body is null");
        return engine.routes().act(id, resource, contentType, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Calls the action {@code resource} with {@code items} (a record, a map or a list of them) as JSON. */
    public Object act(String resource, Object items) {
        return act(resource, Action.InputFormat.JSON.mediaType(), json.writeValueAsString(items));
    }

    /** The record the view {@code resource} finds by {@code key}, as JSON as the API would serve it; empty for a 404. */
    public Optional<JsonNode> view(String resource, String key) {
        return view(resource, key, Object.class).map(json::valueToTree);
    }

    /**
     * The record the view {@code resource} finds by {@code key} (a document rendered after the read transaction, as
     * the API serves it); empty for a 404.
     */
    public <R> Optional<R> view(String resource, String key, Class<R> type) {
        requireNonNull(key, "key is null");
        if (plugin.views().stream().noneMatch(view -> view.resource().equals(resource))) {
            throw new IllegalArgumentException("plugin '" + plugin.id() + "' has no view '" + resource + "' (views: "
                    + String.join(", ", plugin.views().stream().map(View::resource).toList()) + ")");
        }
        try {
            return Optional.of(type.cast(engine.routes().view(id, resource, key)));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs {@code work} as a view's finder runs: in a read-only transaction of this tenant (row-level security on),
     * with a {@link RequestContext} holding its settings, the engine's clock and the plugin's repositories.
     */
    public <T> T read(Function<RequestContext, T> work) {
        requireNonNull(work, "work is null");
        return engine.routes().read(id, work);
    }

    /** The tenant's dead letters, newest first, with their bodies. */
    public List<DeadLetter> deadLetters() {
        return engine.deadLetters().list(id, DeadLetterFilter.ALL, 0, 500).stream()
                .map(summary -> DeadLetter.of(summary, engine.deadLetters().get(id, summary.id()).body()))
                .toList();
    }

    /** Sends a dead letter back to its stage with its message id, as an operator's replay does. */
    public void replay(DeadLetter deadLetter) {
        engine.deadLetters().replay(id, deadLetter.id(), "testkit");
    }

    /** {@link #waitFor(Probe, Predicate, Duration)} for up to {@link #DEFAULT_WAIT}. */
    public <T> T waitFor(Probe<T> probe, Predicate<? super T> condition) {
        return waitFor(probe, condition, DEFAULT_WAIT);
    }

    /**
     * Reads {@code probe} until its value is there and meets {@code condition}, and returns that value. A condition
     * that throws counts as not met yet. After {@code atMost} it fails naming what it waited for and the last value
     * (or error) it saw.
     */
    public <T> T waitFor(Probe<T> probe, Predicate<? super T> condition, Duration atMost) {
        requireNonNull(probe, "probe is null");
        requireNonNull(condition, "condition is null");
        AtomicReference<String> last = new AtomicReference<>("nothing yet");
        try {
            return Awaitility.await(probe.description())
                    .atMost(requireNonNull(atMost, "atMost is null"))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> probe.read(this), value -> {
                        if (value == null) {
                            last.set("nothing yet");
                            return false;
                        }
                        last.set(shown(value));
                        try {
                            return condition.test(value);
                        } catch (RuntimeException e) {
                            last.set(shown(value) + " (the condition threw " + e + ")");
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("tenant '" + id + "': waited " + atMost.toMillis() / 1000.0 + " s for "
                    + probe.description() + " to meet the condition; last seen: " + last.get(), e);
        }
    }

    private String shown(Object value) {
        String text = value instanceof JsonNode node ? node.toString() : String.valueOf(value);
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "... (" + text.length() + " characters)";
    }

    @Override
    public String toString() {
        return "TestTenant[" + id + ", plugin=" + plugin.id() + "]";
    }
}
