package dev.conveyor.server.stream;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.stream.StreamEvent;
import dev.conveyor.engine.stream.Subscription;
import dev.conveyor.sdk.Subject;
import java.io.IOException;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Serves one subscription as {@code text/event-stream}: each event with its table id as the SSE id (so a browser's
 * reconnect sends {@code Last-Event-ID} and resumes), a comment as heartbeat while idle, and the end of the response
 * when the client is dropped for falling behind (it reconnects and resumes). One virtual thread per stream writes.
 */
@Component
class EventStreamResponses {

    private static final long RECONNECT_MILLIS = 2000;

    private final ConveyorEngine engine;
    private final StreamProperties properties;

    EventStreamResponses(ConveyorEngine engine, StreamProperties properties) {
        this.engine = requireNonNull(engine, "engine is null");
        this.properties = requireNonNull(properties, "properties is null");
    }

    /** The id to resume after: the {@code Last-Event-ID} header, else the {@code lastEventId} parameter, else none (-1). */
    static long resumeAfter(String lastEventIdHeader, String lastEventIdParameter) {
        for (String candidate : new String[] {lastEventIdHeader, lastEventIdParameter}) {
            if (candidate != null && candidate.matches("\\d{1,18}")) {
                return Long.parseLong(candidate);
            }
        }
        return -1;
    }

    SseEmitter stream(String tenantId, Optional<Subject> subject, long afterId) {
        Subscription subscription = engine.streams().subscribe(tenantId, subject, afterId);
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(subscription::close);
        emitter.onError(failure -> subscription.close());
        try {
            emitter.send(SseEmitter.event().reconnectTime(RECONNECT_MILLIS).comment("connected"));
        } catch (IOException e) {
            subscription.close();
            throw new IllegalStateException("the client left before its stream started", e);
        }
        Thread.ofVirtual().name("event-stream-" + tenantId).start(() -> pump(subscription, emitter));
        return emitter;
    }

    private void pump(Subscription subscription, SseEmitter emitter) {
        try (subscription) {
            while (subscription.open()) {
                StreamEvent event = subscription.next(properties.heartbeat());
                if (event != null) {
                    emitter.send(SseEmitter.event().id(Long.toString(event.id()))
                            .data(StreamMessages.json(event)));
                } else if (subscription.open()) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                }
            }
            emitter.complete();
        } catch (IOException | IllegalStateException e) {
            // The client went away (or the emitter completed): nothing to write to.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        }
    }
}
