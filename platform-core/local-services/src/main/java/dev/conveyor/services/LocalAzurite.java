package dev.conveyor.services;

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
 * Azurite's queue and blob services (blobs hold large payloads: the claim check), the version pinned by
 * {@code deploy/package-lock.json}, installed with {@code npm ci} when missing and started on free loopback ports.
 * Needs Node.js 18+ on the PATH.
 */
public final class LocalAzurite implements AutoCloseable {

    /** Azurite's well-known development account; public by design, never a real secret. */
    public static final String ACCOUNT = "devstoreaccount1";
    public static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final Logger log = LoggerFactory.getLogger(LocalAzurite.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Path executables;
    private final Path location;
    private final int port;
    private final int blobPort;
    private final List<String> securityOptions;
    private volatile List<Process> processes = List.of();

    private LocalAzurite(Path executables, Path location, int port, int blobPort, List<String> securityOptions) {
        this.executables = executables;
        this.location = location;
        this.port = port;
        this.blobPort = blobPort;
        this.securityOptions = securityOptions;
    }

    /** Starts Azurite's queue and blob services, keeping their data in {@code location}. */
    public static LocalAzurite start(Path location) {
        return start(location, List.of());
    }

    /**
     * Starts Azurite over HTTPS with the certificate in {@code pfx} (PKCS#12), accepting Microsoft Entra ID bearer
     * tokens as well as the account key ({@code --oauth basic}: Azurite checks a token's issuer, audience and
     * lifetime, not its signature).
     */
    public static LocalAzurite startWithOAuth(Path location, Path pfx, String password) {
        return start(location, List.of("--oauth", "basic", "--cert", pfx.toAbsolutePath().toString(), "--pwd", password));
    }

    private static LocalAzurite start(Path location, List<String> securityOptions) {
        Path executables = installIfMissing(runtimeDirectory()).getParent();
        try {
            Files.createDirectories(location);
            LocalAzurite azurite = new LocalAzurite(executables, location, freePort(), freePort(), securityOptions);
            Runtime.getRuntime().addShutdownHook(new Thread(azurite::close, "azurite-stop"));
            azurite.startProcesses();
            log.info("Azurite listening on 127.0.0.1: queues {}, blobs {} (data in {})", azurite.port, azurite.blobPort,
                    location);
            return azurite;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Azurite from " + executables + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops Azurite and starts it again on the same ports with the same data, as an operator restarting the
     * storage emulator would (tests of recovery use it).
     */
    public void restart() {
        close();
        startAgain();
    }

    /** Starts Azurite again after {@link #close()}, on the same ports with the same data. */
    public void startAgain() {
        try {
            startProcesses();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Azurite again: " + e.getMessage(), e);
        }
    }

    /**
     * Stops Azurite's processes with SIGSTOP: connections stay open and nothing answers, as a hung storage service
     * looks to its clients. {@link #resume()} lets it go on.
     */
    public synchronized void pause() {
        Signals.send("STOP", processTree());
    }

    public synchronized void resume() {
        Signals.send("CONT", processTree());
    }

    private List<ProcessHandle> processTree() {
        return processes.stream()
                .flatMap(process -> java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()),
                        process.descendants()))
                .toList();
    }

    private synchronized void startProcesses() throws IOException {
        Process queue = launch("azurite-queue", "--queueHost", "127.0.0.1", "--queuePort", port, "queue.log");
        Process blob = launch("azurite-blob", "--blobHost", "127.0.0.1", "--blobPort", blobPort, "blob.log");
        processes = List.of(queue, blob);
        awaitListening(queue, port, location.resolve("queue.log"));
        awaitListening(blob, blobPort, location.resolve("blob.log"));
    }

    private Process launch(String program, String hostOption, String host, String portOption, int listenPort, String logName)
            throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(executables.resolve(program).toString(), hostOption, host,
                portOption, Integer.toString(listenPort), "--location", location.toAbsolutePath().toString(),
                "--skipApiVersionCheck", "--disableProductStyleUrl"));
        command.addAll(securityOptions);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(location.resolve(logName).toFile()))
                .start();
    }

    public String queueEndpoint() {
        return scheme() + "://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    public String blobEndpoint() {
        return scheme() + "://127.0.0.1:" + blobPort + "/" + ACCOUNT;
    }

    private String scheme() {
        return securityOptions.isEmpty() ? "http" : "https";
    }

    /** A connection string with explicit endpoints: {@code UseDevelopmentStorage=true} would mean fixed ports. */
    public String connectionString() {
        return "DefaultEndpointsProtocol=" + scheme() + ";AccountName=" + ACCOUNT + ";AccountKey=" + ACCOUNT_KEY
                + ";QueueEndpoint=" + queueEndpoint() + ";BlobEndpoint=" + blobEndpoint() + ";";
    }

    /** Stops Azurite; its data stays, and {@link #restart()} brings it back on the same ports. */
    @Override
    public synchronized void close() {
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes = List.of();
    }

    private void awaitListening(Process process, int port, Path logFile) throws IOException {
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
