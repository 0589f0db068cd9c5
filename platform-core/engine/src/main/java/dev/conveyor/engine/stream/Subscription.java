package dev.conveyor.engine.stream;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.Subject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * One client's stream: the events of a tenant (or of one subject of it) after a given id, read from the table page by
 * page, then the live ones as they are committed, each once and in order. Live events wait in a bounded buffer; a
 * client that lets it fill is {@linkplain #dropped() dropped} and must reconnect (with the last id it got). Read it
 * from one thread; close it when the client goes.
 */
public final class Subscription implements AutoCloseable {

    private final String tenantId;
    private final Optional<Subject> subject;
    private final BlockingQueue<StreamEvent> live;
    private final ArrayDeque<StreamEvent> replay = new ArrayDeque<>();
    /** The next page of the table after an id; empty when the client asked for live events only. */
    private final LongFunction<List<StreamEvent>> pages;
    private final int pageSize;
    private final Consumer<Subscription> onClose;
    private volatile boolean dropped;
    private volatile boolean closed;
    private boolean tableExhausted;
    /** The highest id sent so far: replay pages start after it, and live events at or below it were sent already. */
    private long cursor;

    Subscription(String tenantId, Optional<Subject> subject, long afterId, int buffer, int pageSize,
            LongFunction<List<StreamEvent>> pages, Consumer<Subscription> onClose) {
        this.tenantId = requireNonNull(tenantId, "tenantId is null");
        this.subject = requireNonNull(subject, "subject is null");
        this.live = new ArrayBlockingQueue<>(buffer);
        this.pageSize = pageSize;
        this.pages = requireNonNull(pages, "pages is null");
        this.onClose = requireNonNull(onClose, "onClose is null");
        this.cursor = afterId;
        this.tableExhausted = afterId < 0;
    }

    public String tenantId() {
        return tenantId;
    }

    public Optional<Subject> subject() {
        return subject;
    }

    /**
     * The next event, waiting up to {@code timeout} for one; null when none came (send a heartbeat) or when the
     * subscription was {@linkplain #dropped() dropped} or closed.
     */
    public StreamEvent next(Duration timeout) throws InterruptedException {
        if (dropped || closed) {
            return null;
        }
        if (replay.isEmpty() && !tableExhausted) {
            List<StreamEvent> page = pages.apply(cursor);
            replay.addAll(page);
            tableExhausted = page.size() < pageSize;
        }
        StreamEvent replayed = replay.poll();
        if (replayed != null) {
            cursor = Math.max(cursor, replayed.id());
            return replayed;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            StreamEvent event = live.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null || dropped || closed) {
                return null;
            }
            if (event.id() > cursor) {
                cursor = event.id();
                return event;
            }
        }
    }

    /** Whether events may still come: neither closed nor dropped. */
    public boolean open() {
        return !closed && !dropped;
    }

    /** Whether this client fell too far behind and was let go: close its connection; it resumes from the table. */
    public boolean dropped() {
        return dropped;
    }

    boolean matches(StreamEvent event) {
        return event.tenantId().equals(tenantId) && subject.map(event.subject()::equals).orElse(true);
    }

    /** Offers a live event; false (and the subscription dropped, its buffer freed) when the buffer is full. */
    boolean offer(StreamEvent event) {
        if (live.offer(event)) {
            return true;
        }
        dropped = true;
        live.clear();
        return false;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            live.clear();
            onClose.accept(this);
        }
    }
}
