package dev.conveyor.engine.stream;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.EngineException;
import dev.conveyor.engine.ErrorCode;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.PostgresListener;
import dev.conveyor.sdk.Subject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live streams of the events plugins publish, for this instance's clients. The {@code events} table's trigger
 * announces each committed event on {@value #CHANNEL} with a pointer ({@code "<id> <tenant>"}); this instance's
 * {@link PostgresListener} hears it, and for tenants someone here follows, the rows are read and handed to their
 * subscriptions. Announcements lost while that connection was down are made good from the table (by id) when it is
 * back. Subscriptions per tenant and events buffered per subscription are bounded ({@link StreamLimits}).
 */
public final class EventStreams implements AutoCloseable {

    /** The channel the {@code events} trigger (migration V11) announces on. */
    public static final String CHANNEL = "conveyor_events";

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    private static final int RECENT = 8192;
    private static final String COLUMNS = "id, tenant_id, type, subject_kind, subject_key, data::text, occurred_at";

    private final Database database;
    private final PostgresListener listener;
    private final StreamLimits limits;
    private final Clock clock;
    private final Duration retention;
    private final Map<String, Set<Subscription>> byTenant = new ConcurrentHashMap<>();
    /** Ids handed out lately: an event both announced and read by a catch-up goes out once. Listener thread only. */
    private final Set<Long> recent = Collections.newSetFromMap(new LinkedHashMap<>(RECENT * 2) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > RECENT;
        }
    });
    /** The highest id this instance has seen announced or caught up: the next catch-up reads after it. Listener thread. */
    private long highWater;

    /**
     * @param listener  this instance's listening connection: the streams listen on {@value #CHANNEL} there
     * @param retention how long events are kept: {@link #purge()} deletes older ones (a resume cannot reach further back)
     */
    public EventStreams(Database database, PostgresListener listener, StreamLimits limits, Clock clock, Duration retention) {
        this.database = requireNonNull(database, "database is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.retention = requireNonNull(retention, "retention is null");
        this.highWater = database.inPlatformTransaction(entityManager -> ((Number) entityManager
                .createNativeQuery("select coalesce(max(id), 0) from events").getSingleResult()).longValue());
        listener.listen(CHANNEL, new PostgresListener.Channel() {
            @Override
            public void announced(List<String> payloads) {
                deliver(payloads);
            }

            @Override
            public void connected() {
                catchUp();
            }
        });
    }

    /**
     * Follows the events of {@code tenantId}, or of one subject of it: those after {@code afterId} from the table
     * first (a resume: pass the client's {@code Last-Event-ID}; a negative id for live events only), then the live
     * ones.
     *
     * @throws EngineException {@link ErrorCode#RATE_LIMITED} when the tenant has as many streams open here as it may
     */
    public Subscription subscribe(String tenantId, Optional<Subject> subject, long afterId) {
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(subject, "subject is null");
        Subscription[] made = new Subscription[1];
        byTenant.compute(tenantId, (tenant, open) -> {
            Set<Subscription> subscriptions = open != null ? open : ConcurrentHashMap.newKeySet();
            if (subscriptions.size() >= limits.subscribersPerTenant()) {
                throw new EngineException(ErrorCode.RATE_LIMITED, "tenant '" + tenantId + "' has "
                        + subscriptions.size() + " live streams open on this instance, the most it may; close one, or "
                        + "follow the tenant's stream instead of each subject's", Duration.ofSeconds(5), null);
            }
            Subscription subscription = new Subscription(tenantId, subject, afterId, limits.bufferPerSubscriber(),
                    limits.replayPage(), after -> page(tenantId, subject, after, limits.replayPage()), this::remove);
            subscriptions.add(subscription);
            made[0] = subscription;
            return subscriptions;
        });
        return made[0];
    }

    /** The latest {@code limit} events of {@code subject}, oldest first: a page's first render. */
    public List<StreamEvent> history(String tenantId, Subject subject, int limit) {
        List<StreamEvent> latest = new ArrayList<>(database.inTenantTransaction(tenantId, entityManager ->
                Database.onConnection(entityManager, connection -> read(connection, "select " + COLUMNS
                        + " from events where tenant_id = ? and subject_kind = ? and subject_key = ? order by id desc limit ?",
                        tenantId, subject.kind(), subject.key(), limit))));
        Collections.reverse(latest);
        return latest;
    }

    /** Streams of {@code tenantId} open on this instance. */
    public int subscriptions(String tenantId) {
        Set<Subscription> open = byTenant.get(tenantId);
        return open == null ? 0 : open.size();
    }

    /** Whether the listening connection is up (announcements arrive). */
    public boolean listening() {
        return listener.listening();
    }

    private void remove(Subscription subscription) {
        byTenant.computeIfPresent(subscription.tenantId(), (tenant, open) -> {
            open.remove(subscription);
            return open.isEmpty() ? null : open;
        });
    }

    private List<StreamEvent> page(String tenantId, Optional<Subject> subject, long afterId, int limit) {
        return database.inTenantTransaction(tenantId, entityManager -> Database.onConnection(entityManager, connection ->
                subject.isPresent()
                        ? read(connection, "select " + COLUMNS + " from events where tenant_id = ? and subject_kind = ?"
                                + " and subject_key = ? and id > ? order by id limit ?", tenantId, subject.get().kind(),
                                subject.get().key(), afterId, limit)
                        : read(connection, "select " + COLUMNS + " from events where tenant_id = ? and id > ? order by id"
                                + " limit ?", tenantId, afterId, limit)));
    }

    /** Hands out what was committed since {@link #highWater}, for tenants followed here (announcements may be lost). */
    private void catchUp() {
        List<String> followed = List.copyOf(byTenant.keySet());
        long after = highWater;
        List<StreamEvent> missed = database.inPlatformTransaction(entityManager -> Database.onConnection(entityManager,
                connection -> {
                    Array tenants = connection.createArrayOf("text", followed.toArray());
                    return read(connection, "select " + COLUMNS + " from events where id > ? and tenant_id = any(?)"
                            + " order by id limit 10000", after, tenants);
                }));
        long newest = database.inPlatformTransaction(entityManager -> ((Number) entityManager
                .createNativeQuery("select coalesce(max(id), 0) from events").getSingleResult()).longValue());
        missed.forEach(this::handOut);
        highWater = Math.max(highWater, newest);
    }

    private void deliver(List<String> payloads) {
        Map<String, List<Long>> idsByTenant = new TreeMap<>();
        for (String payload : payloads) {
            String[] pointer = payload.split(" ", 2);
            if (pointer.length != 2) {
                continue;
            }
            long id = Long.parseLong(pointer[0]);
            highWater = Math.max(highWater, id);
            if (byTenant.containsKey(pointer[1])) {
                idsByTenant.computeIfAbsent(pointer[1], tenant -> new ArrayList<>()).add(id);
            }
        }
        for (var entry : idsByTenant.entrySet()) {
            String tenantId = entry.getKey();
            Long[] ids = entry.getValue().toArray(Long[]::new);
            List<StreamEvent> events = database.inTenantTransaction(tenantId, entityManager -> Database.onConnection(
                    entityManager, connection -> read(connection, "select " + COLUMNS + " from events where tenant_id = ?"
                            + " and id = any(?) order by id", tenantId, connection.createArrayOf("bigint", ids))));
            events.forEach(this::handOut);
        }
    }

    private void handOut(StreamEvent event) {
        if (!recent.add(event.id())) {
            return;
        }
        Set<Subscription> open = byTenant.get(event.tenantId());
        if (open == null) {
            return;
        }
        for (Subscription subscription : open) {
            if (subscription.matches(event) && !subscription.offer(event)) {
                log.info("a stream of tenant '{}' fell {} events behind and was dropped; its client resumes from the table",
                        event.tenantId(), limits.bufferPerSubscriber());
                remove(subscription);
            }
        }
    }

    /** Deletes events older than the retention (the engine's retention loop calls it hourly). */
    public void purge() {
        int purged = database.inPlatformTransaction(entityManager -> Database.execute(entityManager,
                "delete from events where occurred_at < ?", Timestamp.from(clock.instant().minus(retention))));
        if (purged > 0) {
            log.info("purged {} events older than {}", purged, retention);
        }
    }

    private static List<StreamEvent> read(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<StreamEvent> events = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    events.add(new StreamEvent(row.getLong(1), row.getString(2), row.getString(3),
                            Subject.of(row.getString(4), row.getString(5)), row.getString(6),
                            row.getTimestamp(7).toInstant()));
                }
            }
            return events;
        }
    }

    /** Ends every stream this instance serves (the listener is the engine's to close). */
    @Override
    public void close() {
        byTenant.values().forEach(open -> List.copyOf(open).forEach(Subscription::close));
    }
}
