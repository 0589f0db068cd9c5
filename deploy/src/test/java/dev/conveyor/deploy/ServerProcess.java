package dev.conveyor.deploy;

import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code java -jar target/conveyor.jar serve}) as a process of its own, for tests that kill,
 * restart or signal it. Its output goes to a log file that failures print.
 */
final class ServerProcess implements AutoCloseable {

    private final List<String> command;
    private final DatabaseSettings database;
    private final String storageConnectionString;
    private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();
    private final Path log;
    private final int port;
    private Process process;

    ServerProcess(DatabaseSettings database, String storageConnectionString, String... options) {
        this.database = database;
        this.storageConnectionString = storageConnectionString;
        this.port = freePort();
        try {
            this.log = Files.createTempFile("conveyor-server-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m",
                "-XX:TieredStopAtLevel=1", "-jar", Path.of("target/conveyor.jar").toAbsolutePath().toString(), "serve",
                "--port", Integer.toString(port)));
        command.addAll(List.of(options));
    }

    /** An environment variable of the process, besides the database, storage and keys. */
    ServerProcess environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** A JVM option ({@code -Dname=value}), before {@code -jar}. */
    ServerProcess jvmOption(String option) {
        command.add(1, option);
        return this;
    }

    ServerProcess start() {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("CONVEYOR_DB_URL", database.jdbcUrl());
        builder.environment().put("CONVEYOR_DB_USER", database.user());
        builder.environment().put("CONVEYOR_DB_PASSWORD", database.password());
        if (storageConnectionString != null) { // null: the storage account is named by conveyor.storage.* instead
            builder.environment().put("CONVEYOR_STORAGE_CONNECTION_STRING", storageConnectionString);
        }
        builder.environment().put("CONVEYOR_ADMIN_KEY", ServerUnderTest.ADMIN_KEY);
        builder.environment().put("CONVEYOR_SECRETS_KEY", TestServices.SECRETS_KEY);
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** kill -9: no shutdown hook, no grace, whatever was in flight is cut off. */
    void kill() {
        process.destroyForcibly();
        waitFor(30);
    }

    /** SIGTERM. */
    void terminate() {
        process.destroy();
    }

    boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Whether it answers its health endpoint with UP. */
    boolean healthy() {
        if (!alive()) {
            return false;
        }
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(java.time.Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int port() {
        return port;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops it as Kubernetes does when a Deployment scales down: SIGTERM, then waits for the orderly shutdown (receiving
     * stops, in-flight messages finish, leases are released); returns the exit code.
     */
    int terminate(java.time.Duration within) {
        process.destroy();
        try {
            if (!process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the process did not stop within " + within + " of SIGTERM");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the process to stop", e);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
