package dev.conveyor.engine.database;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's one listening connection to Postgres ({@code LISTEN}), shared by every feature that hears what
 * other instances commit: each registers a channel before {@link #start()}. Announcements are best effort (lost while
 * the connection is down), so every channel is told when the connection is (re)established and makes good from the
 * tables what it may have missed.
 */
public final class PostgresListener implements AutoCloseable {

    /** What a feature does with its channel's announcements. Called on the listener's thread: keep it short. */
    public interface Channel {

        /** The payloads announced on the channel since the last call, in order. */
        void announced(List<String> payloads);

        /** The connection is (again) listening: announcements made while it was not were lost. */
        void connected();
    }

    private static final Logger log = LoggerFactory.getLogger(PostgresListener.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration MAX_RECONNECT_WAIT = Duration.ofSeconds(5);

    private final DataSource platform;
    private final Map<String, List<Channel>> channels = new LinkedHashMap<>();
    private Thread thread;
    private volatile boolean closed;
    private volatile boolean listening;

    /**
     * @param platform the platform's pool: its login opens the listening connection (a connection of its own when the
     *                 pool is Hikari's, so it takes none of the pool's; else one borrowed and held)
     */
    public PostgresListener(DataSource platform) {
        this.platform = requireNonNull(platform, "platform is null");
    }

    /** Listens on {@code channel} (a plain identifier) from {@link #start()} on; several features may hear one channel. */
    public synchronized void listen(String channel, Channel handler) {
        if (thread != null) {
            throw new IllegalStateException("channels are registered before the listener starts");
        }
        if (!channel.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        channels.computeIfAbsent(channel, name -> new ArrayList<>()).add(requireNonNull(handler, "handler is null"));
    }

    public synchronized void start() {
        if (thread == null && !closed) {
            thread = Thread.ofPlatform().name("postgres-listener").daemon().start(this::run);
        }
    }

    /** Whether the connection is up, so announcements arrive. */
    public boolean listening() {
        return listening;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (!closed) {
            try (Connection connection = open()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    for (String channel : channels.keySet()) {
                        statement.execute("listen " + channel);
                    }
                }
                listening = true;
                backoff = Duration.ofMillis(100);
                channels.values().forEach(handlers -> handlers.forEach(Channel::connected));
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = postgres.getNotifications((int) POLL.toMillis());
                    if (notifications != null && notifications.length > 0) {
                        handOut(notifications);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (closed) {
                    return;
                }
                log.warn("the Postgres listener lost its connection; reconnecting in {} ms (what was announced meanwhile "
                        + "is made good from the tables): {}", backoff.toMillis(), e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_RECONNECT_WAIT) > 0 ? MAX_RECONNECT_WAIT
                        : backoff.multipliedBy(2);
            }
        }
        listening = false;
    }

    private void handOut(PGNotification[] notifications) {
        Map<String, List<String>> byChannel = new LinkedHashMap<>();
        for (PGNotification notification : notifications) {
            byChannel.computeIfAbsent(notification.getName(), name -> new ArrayList<>()).add(notification.getParameter());
        }
        byChannel.forEach((name, payloads) -> {
            for (Channel channel : channels.getOrDefault(name, List.of())) {
                try {
                    channel.announced(payloads);
                } catch (RuntimeException e) {
                    // One feature's failure must not end the others' announcements; it catches up at the next connect.
                    log.warn("handling announcements on {} failed: {}", name, e.toString());
                }
            }
        });
    }

    private Connection open() throws SQLException {
        if (platform instanceof HikariConfig hikari && hikari.getJdbcUrl() != null) {
            Properties properties = new Properties();
            properties.setProperty("user", hikari.getUsername());
            properties.setProperty("password", hikari.getPassword());
            properties.setProperty("ApplicationName", "conveyor-listener");
            // A dead server shows as a failed read (getNotifications polls far more often than keep-alives).
            properties.setProperty("tcpKeepAlive", "true");
            return DriverManager.getConnection(hikari.getJdbcUrl(), properties);
        }
        return platform.getConnection();
    }

    @Override
    public void close() {
        closed = true;
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
