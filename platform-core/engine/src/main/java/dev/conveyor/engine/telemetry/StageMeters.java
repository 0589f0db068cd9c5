package dev.conveyor.engine.telemetry;

import dev.conveyor.engine.activity.StageActivity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The meters of one stage of one tenant, made once ({@link Telemetry#stage}) so that counting a message allocates no
 * tags. Durations are histograms (percentile buckets for Prometheus' {@code histogram_quantile}). The same events are
 * counted into the stage's {@link StageActivity}, which the console reads across processes.
 */
public final class StageMeters {

    private final Counter received;
    private final Counter processed;
    private final Counter duplicates;
    private final Counter retried;
    private final Counter deadLettered;
    private final Counter leasesLost;
    private final Timer handlerDuration;
    private final Timer endToEndLatency;
    private final StageActivity activity;

    StageMeters(MeterRegistry registry, Tags tags, StageActivity activity) {
        this.activity = activity;
        this.received = Counter.builder("conveyor.messages.received")
                .description("Messages a stage consumer received (redeliveries included)").tags(tags).register(registry);
        this.processed = Counter.builder("conveyor.messages.processed")
                .description("Messages whose handler's transaction committed").tags(tags).register(registry);
        this.duplicates = Counter.builder("conveyor.messages.duplicates")
                .description("Redeliveries the inbox recognised as done before").tags(tags).register(registry);
        this.retried = Counter.builder("conveyor.messages.retried")
                .description("Failed deliveries scheduled for another try").tags(tags).register(registry);
        this.deadLettered = Counter.builder("conveyor.messages.dead.lettered")
                .description("Messages moved to the dead letters").tags(tags).register(registry);
        this.leasesLost = Counter.builder("conveyor.leases.lost")
                .description("Leases on received messages lost before the message was done").tags(tags)
                .register(registry);
        this.handlerDuration = Timer.builder("conveyor.handler.duration")
                .description("A message's transaction: inbox, handler, outbox").tags(tags)
                .publishPercentileHistogram().register(registry);
        this.endToEndLatency = Timer.builder("conveyor.messages.latency")
                .description("From the message's creation (the envelope's time) to its handler's commit").tags(tags)
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofHours(1)).register(registry);
    }

    /** A message was received; {@link #finished()} follows when its processing ends, whatever the outcome. */
    public void received() {
        received.increment();
        activity.started();
    }

    /** The processing of a message {@link #received()} ended. */
    public void finished() {
        activity.finished();
    }

    /** A handler committed after {@code handlerNanos}, {@code latency} after the message was made. */
    public void processed(long handlerNanos, Duration latency) {
        processed.increment();
        activity.processed(handlerNanos);
        handlerDuration.record(handlerNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (!latency.isNegative()) {
            endToEndLatency.record(latency);
        }
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void retried() {
        retried.increment();
        activity.failed();
    }

    public void deadLettered() {
        deadLettered.increment();
        activity.failed();
    }

    public void leaseLost() {
        leasesLost.increment();
    }
}
