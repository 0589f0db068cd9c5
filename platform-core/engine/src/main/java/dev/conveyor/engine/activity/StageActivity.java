package dev.conveyor.engine.activity;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * One stage of one tenant in this process, counted since the last flush: messages processed and failed (retried or
 * dead-lettered), handler durations in {@link HandlerTimes}' buckets, and the messages in flight now. Counting is a few
 * atomic increments on the message's thread; nothing here touches the database.
 */
public final class StageActivity {

    private final LongAdder processed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicLongArray handlerTimes = new AtomicLongArray(HandlerTimes.BUCKETS);
    private final AtomicInteger inFlight = new AtomicInteger();
    /** What the last flush wrote as in flight: a change to it must be written once even when nothing else happened. */
    private volatile int inFlightWritten;

    /** Counted by no one: for meters made without a recorder. */
    public static StageActivity uncounted() {
        return new StageActivity();
    }

    StageActivity() {
    }

    /** A message was received and its processing begins. */
    public void started() {
        inFlight.incrementAndGet();
    }

    /** The processing that {@link #started()} ended, whatever its outcome. */
    public void finished() {
        inFlight.decrementAndGet();
    }

    /** A handler's transaction committed after {@code handlerNanos}. */
    public void processed(long handlerNanos) {
        processed.increment();
        handlerTimes.incrementAndGet(HandlerTimes.bucketOf(handlerNanos));
    }

    /** A delivery failed: retried later, or dead-lettered. */
    public void failed() {
        failed.increment();
    }

    /** What happened since the last drain, taken away (so it is written once); empty when nothing did. */
    Drained drain() {
        long processedNow = processed.sumThenReset();
        long failedNow = failed.sumThenReset();
        long[] times = new long[HandlerTimes.BUCKETS];
        for (int i = 0; i < times.length; i++) {
            times[i] = handlerTimes.getAndSet(i, 0);
        }
        int inFlightNow = Math.max(0, inFlight.get());
        boolean happened = processedNow > 0 || failedNow > 0 || inFlightNow > 0 || inFlightNow != inFlightWritten;
        return happened ? new Drained(processedNow, failedNow, times, inFlightNow) : null;
    }

    void written(int inFlightNow) {
        inFlightWritten = inFlightNow;
    }

    /** Counts given back when their write failed, so the next flush carries them. */
    void restore(Drained drained) {
        processed.add(drained.processed());
        failed.add(drained.failed());
        for (int i = 0; i < drained.handlerTimes().length; i++) {
            handlerTimes.addAndGet(i, drained.handlerTimes()[i]);
        }
    }

    record Drained(long processed, long failed, long[] handlerTimes, int inFlight) {
    }
}
