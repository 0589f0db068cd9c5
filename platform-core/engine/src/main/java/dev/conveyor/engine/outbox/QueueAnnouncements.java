package dev.conveyor.engine.outbox;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells every instance that a queue is about to get a message, so that an idle consumer anywhere polls at once
 * instead of waiting out a back-off of up to a minute: a {@code pg_notify} on {@value #CHANNEL} in the transaction
 * that writes the outbox rows (Postgres delivers it at commit, never for a rollback), payload the queue's name, or
 * {@code "<queue> <epoch millis>"} for a message that becomes visible later. The send follows the commit, so a woken
 * consumer may first find the queue empty; it then polls again within its shortest back-off.
 *
 * <p>A commit carrying a notification takes a database-wide lock in Postgres, so a busy queue is announced at most
 * once per {@link #QUIET} from this instance: its consumers, woken that recently, are polling often anyway. The quiet
 * period starts when the rows are written, so a transaction that then rolls back can leave the next message of that
 * quarter-second unannounced; it is found by the consumer's back-off (at most the deep-idle poll).
 */
public final class QueueAnnouncements {

    /** The channel the announcements travel on. */
    public static final String CHANNEL = "conveyor_queues";

    /** How long after announcing a queue this instance leaves its further messages unannounced. */
    static final Duration QUIET = Duration.ofMillis(250);

    private static final int MAX_REMEMBERED = 100_000;

    private final Clock clock;
    private final Map<String, Long> lastAnnounced = new ConcurrentHashMap<>();

    public QueueAnnouncements(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A queue that has (or will have at {@code visibleAt}) a message to receive. */
    public record Announcement(String queueName, Optional<Instant> visibleAt) {

        public Announcement {
            requireNonNull(queueName, "queueName is null");
            requireNonNull(visibleAt, "visibleAt is null");
        }

        static Announcement parse(String payload) {
            int space = payload.indexOf(' ');
            if (space < 0) {
                return new Announcement(payload, Optional.empty());
            }
            return new Announcement(payload.substring(0, space),
                    Optional.of(Instant.ofEpochMilli(Long.parseLong(payload.substring(space + 1)))));
        }
    }

    /** The announcements in payloads heard on {@link #CHANNEL}; a payload that is not one is skipped. */
    public static List<Announcement> parse(List<String> payloads) {
        List<Announcement> announcements = new ArrayList<>(payloads.size());
        for (String payload : payloads) {
            try {
                announcements.add(Announcement.parse(payload));
            } catch (RuntimeException e) {
                // not ours (somebody else notifying on the channel): nothing to wake
            }
        }
        return announcements;
    }

    /** Announces, within the caller's transaction on {@code connection}, the queues {@code messages} go to. */
    void announce(Connection connection, List<OutboxMessage> messages) throws SQLException {
        Instant now = clock.instant();
        long nanos = System.nanoTime();
        Map<String, String> payloads = new LinkedHashMap<>();
        for (OutboxMessage message : messages) {
            if (message.visibleAt().isAfter(now)) {
                // Later: woken when it shows, wherever its consumer runs (the same queue and second say it once).
                long millis = message.visibleAt().toEpochMilli();
                payloads.putIfAbsent(message.queueName() + " " + (millis / 1000),
                        message.queueName() + " " + millis);
            } else if (due(message.queueName(), nanos)) {
                payloads.putIfAbsent(message.queueName(), message.queueName());
            }
        }
        if (payloads.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("select pg_notify('" + CHANNEL + "', ?)")) {
            for (String payload : payloads.values()) {
                statement.setString(1, payload);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private boolean due(String queueName, long nanos) {
        if (lastAnnounced.size() > MAX_REMEMBERED) {
            lastAnnounced.clear(); // queues of deleted tenants: forgetting costs one extra announcement each
        }
        boolean[] due = new boolean[1];
        lastAnnounced.compute(queueName, (queue, last) -> {
            if (last == null || nanos - last >= QUIET.toNanos()) {
                due[0] = true;
                return nanos;
            }
            return last;
        });
        return due[0];
    }
}
