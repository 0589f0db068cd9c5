package dev.conveyor.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Azurite's queue service, the version pinned by {@code deploy/package-lock.json}, installed with
 * {@code npm ci} when missing and started on a free loopback port. Needs Node.js 18+ on the PATH.
 */
public final class LocalAzurite implements AutoCloseable {

    /** Azurite's well-known development account; public by design, never a real secret. */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final Logger log = LoggerFactory.getLogger(LocalAzurite.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;

    private LocalAzurite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Azurite keeping its data in {@code location}. */
    public static LocalAzurite start(Path location) {
        Path runtime = runtimeDirectory();
        Path executable = installIfMissing(runtime);
        try {
            Files.createDirectories(location);
            int port = freePort();
            Path logFile = location.resolve("azurite.log");
            Process process = new ProcessBuilder(List.of(executable.toString(),
                    "--queueHost", "127.0.0.1", "--queuePort", Integer.toString(port),
                    "--location", location.toAbsolutePath().toString(),
                    "--skipApiVersionCheck", "--disableProductStyleUrl"))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            LocalAzurite azurite = new LocalAzurite(process, port);
            Runtime.getRuntime().addShutdownHook(new Thread(azurite::close, "azurite-stop"));
            azurite.awaitListening(logFile);
            log.info("Azurite queue service listening on 127.0.0.1:{} (data in {})", port, location);
            return azurite;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Azurite from " + executable + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String queueEndpoint() {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    /** A connection string with an explicit endpoint: {@code UseDevelopmentStorage=true} would mean port 10001. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + ACCOUNT_KEY
                + ";QueueEndpoint=" + queueEndpoint() + ";";
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitListening(Path logFile) throws IOException {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Azurite exited with code " + process.exitValue() + ": " + Files.readString(logFile));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
        close();
        throw new IOException("Azurite did not listen on port " + port + " within " + STARTUP_TIMEOUT.toSeconds()
                + " s: " + Files.readString(logFile));
    }

    /**
     * The folder holding package.json and package-lock.json: {@code CONVEYOR_AZURITE_HOME}, else {@code deploy/}
     * of the nearest enclosing checkout, so tests of every module and the demo share one install.
     */
    static Path runtimeDirectory() {
        String configured = System.getenv("CONVEYOR_AZURITE_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/package-lock.json"))) {
                return dir.resolve("deploy");
            }
        }
        throw new IllegalStateException("cannot find deploy/package-lock.json above " + Path.of("").toAbsolutePath()
                + "; run from a Conveyor checkout or set CONVEYOR_AZURITE_HOME to the folder holding it");
    }

    private static Path installIfMissing(Path runtime) {
        Path executable = runtime.resolve("node_modules/.bin/azurite-queue");
        if (Files.isExecutable(executable)) {
            return executable;
        }
        // Several test JVMs may start at once: one installs, the others wait on the lock and then find it.
        try (FileChannel channel = FileChannel.open(runtime.resolve(".npm-install.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (!Files.isExecutable(executable)) {
                log.info("Installing Azurite with npm ci in {}", runtime);
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                        .directory(runtime.toFile()).redirectErrorStream(true).start();
                String output = new String(npm.getInputStream().readAllBytes());
                if (npm.waitFor() != 0 || !Files.isExecutable(executable)) {
                    throw new IllegalStateException("npm ci in " + runtime + " failed (Conveyor needs Node.js 18+ and npm "
                            + "on the PATH): " + output);
                }
            }
            return executable;
        } catch (IOException e) {
            throw new UncheckedIOException("could not install Azurite (needs Node.js 18+ and npm): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing Azurite", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
