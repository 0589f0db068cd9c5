package dev.conveyor.server.console.pipeline;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.activity.PipelineActivity;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The pipeline pages' event streams: each sends its tenant's stage figures every {@link #TICK} from two shared threads
 * (an open stream holds no request thread), ends after {@link #LIFETIME} (the browser reconnects, and the reconnection
 * is authenticated afresh, so a revoked key's tab stops within that), and there are at most {@link #PER_SESSION} per
 * session and {@link #IN_TOTAL} in all, so tabs left open cannot pile up.
 */
@Component
class PipelineStreams implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PipelineStreams.class);

    static final Duration TICK = Duration.ofSeconds(2);
    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int PER_SESSION = 3;
    static final int IN_TOTAL = 200;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final ConveyorEngine engine;
    private final ScheduledExecutorService ticker;
    private final Map<String, AtomicInteger> perSession = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final java.util.Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();
    private volatile boolean running;

    /** What one tick sends: every stage with figures, and when they were read. */
    public record Tick(List<StageFigureView> stages, String at) {
    }

    PipelineStreams(ConveyorEngine engine) {
        this.engine = requireNonNull(engine, "engine is null");
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2,
                Thread.ofPlatform().daemon().name("console-pipeline-", 0).factory());
        executor.setRemoveOnCancelPolicy(true);
        this.ticker = executor;
    }

    /** A stream of {@code tenantId}'s figures for {@code session}; empty when the session or the server has enough. */
    Optional<SseEmitter> open(String session, String tenantId) {
        AtomicInteger ofSession = perSession.computeIfAbsent(session, id -> new AtomicInteger());
        if (ofSession.incrementAndGet() > PER_SESSION | open.incrementAndGet() > IN_TOTAL) {
            release(session, ofSession);
            return Optional.empty();
        }
        // The servlet container's own timeout only backs up the lifetime below.
        SseEmitter emitter = new SseEmitter(LIFETIME.plusSeconds(30).toMillis());
        AtomicBoolean ended = new AtomicBoolean();
        ScheduledFuture<?>[] ticks = new ScheduledFuture<?>[2];
        Runnable end = () -> {
            if (ended.compareAndSet(false, true)) {
                for (ScheduledFuture<?> tick : ticks) {
                    if (tick != null) {
                        tick.cancel(false);
                    }
                }
                emitters.remove(emitter);
                release(session, ofSession);
            }
        };
        emitters.add(emitter);
        emitter.onCompletion(end);
        emitter.onTimeout(end);
        emitter.onError(error -> end.run());
        ticks[0] = ticker.scheduleWithFixedDelay(() -> send(emitter, tenantId, end), 0, TICK.toMillis(),
                TimeUnit.MILLISECONDS);
        ticks[1] = ticker.schedule(() -> {
            end.run();
            emitter.complete();
        }, LIFETIME.toMillis(), TimeUnit.MILLISECONDS);
        return Optional.of(emitter);
    }

    /** Streams open now (for tests and health of the page). */
    int openStreams() {
        return open.get();
    }

    /** The tenant's figures now, as the page and the stream write them. */
    List<StageFigureView> figures(String tenantId) {
        Instant now = engine.clock().instant();
        return engine.activity().stages(tenantId).values().stream().map(figures -> StageFigureView.of(figures, now)).toList();
    }

    private void send(SseEmitter emitter, String tenantId, Runnable end) {
        SseEmitter.SseEventBuilder event;
        try {
            event = SseEmitter.event().name("figures").reconnectTime(3_000)
                    .data(new Tick(figures(tenantId), CLOCK.format(engine.clock().instant())), MediaType.APPLICATION_JSON);
        } catch (RuntimeException e) {
            // The database did not answer this time: a comment keeps the stream alive (and finds a browser gone).
            log.debug("pipeline figures of tenant '{}' not read: {}", tenantId, e.toString());
            event = SseEmitter.event().comment("figures unavailable");
        }
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            // The browser went away (or the stream ended meanwhile).
            end.run();
            emitter.completeWithError(e);
        }
    }

    private void release(String session, AtomicInteger ofSession) {
        open.decrementAndGet();
        if (ofSession.decrementAndGet() <= 0) {
            perSession.remove(session, ofSession);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Ends every open stream. Lifecycles stop from the highest phase down, and this one's is above the web server's
     * graceful shutdown, which would otherwise wait its whole timeout for streams that never end by themselves.
     */
    @Override
    public void stop() {
        running = false;
        for (SseEmitter emitter : emitters) {
            try {
                emitter.complete();
            } catch (RuntimeException e) {
                log.debug("a pipeline stream did not end cleanly: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() {
        stop();
        ticker.shutdownNow();
    }
}
