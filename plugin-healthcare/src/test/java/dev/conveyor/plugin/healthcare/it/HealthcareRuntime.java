package dev.conveyor.plugin.healthcare.it;

import com.sun.net.httpserver.HttpServer;
import dev.conveyor.plugin.healthcare.HealthcarePlugin;
import dev.conveyor.testkit.runtime.PluginRuntime;
import dev.conveyor.testkit.runtime.TestTenant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The healthcare plugin on the testkit's runtime (Azurite + Postgres), with a real system of record: an HTTP server
 * on loopback that records every signed POST it receives. The runtime's egress policy allows that server's port (and
 * what a test adds), as an operator would allow an internal endpoint; nothing else on loopback.
 */
final class HealthcareRuntime implements AutoCloseable {

    /** Open every day 08:00-18:00 UTC, 30-minute slots, two patients per slot. */
    static final String CLINICS = """
            [{"id": "central", "name": "Central Clinic", "address": "1 Main St, Springfield", "timeZone": "UTC",
              "opens": "08:00", "closes": "18:00", "days": ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"],
              "slotMinutes": 30, "capacity": 2}]""";

    final PluginRuntime runtime;
    final HttpServer systemOfRecord;
    final List<String> receivedIdempotencyKeys = new CopyOnWriteArrayList<>();
    final Map<String, String> receivedSignatures = new ConcurrentHashMap<>();

    HealthcareRuntime(Clock clock) {
        this(clock, 20, List.of());
    }

    /** @param alsoAllow egress allowances besides this runtime's own system of record */
    HealthcareRuntime(Clock clock, int connections, List<String> alsoAllow) {
        try {
            systemOfRecord = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        systemOfRecord.createContext("/hooks/appointments", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            receivedIdempotencyKeys.add(key);
            receivedSignatures.put(key, String.valueOf(exchange.getRequestHeaders().getFirst("X-Conveyor-Signature")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        systemOfRecord.start();
        runtime = PluginRuntime.builder(new HealthcarePlugin())
                .clock(clock)
                .connections(connections)
                .egressAllow(Stream.concat(Stream.of("127.0.0.1:" + systemOfRecord.getAddress().getPort()),
                        alsoAllow.stream()).toList())
                .start();
    }

    TestTenant createTenant() {
        return createTenant(Map.of("ehr", "http://127.0.0.1:" + systemOfRecord.getAddress().getPort() + "/hooks/appointments"));
    }

    /** A tenant whose systems of record are {@code urls}, by name. */
    TestTenant createTenant(Map<String, String> urls) {
        String systems = urls.entrySet().stream()
                .map(system -> "{\"name\": \"" + system.getKey() + "\", \"url\": \"" + system.getValue()
                        + "\", \"secret\": \"s3cret-for-tests\"}")
                .collect(Collectors.joining(", ", "[", "]"));
        return runtime.tenant(Map.of("clinics", CLINICS, "systemsOfRecord", systems, "notificationChannels", "EMAIL"));
    }

    void request(TestTenant tenant, String requestId, String date, String from, String to) {
        tenant.ingest("appointments", """
                {"requestId": "%s",
                 "patient": {"patientId": "P-%s", "name": "Jane Doe", "email": "jane@example.com", "dateOfBirth": "1980-04-23"},
                 "preferences": [{"date": "%s", "from": "%s", "to": "%s"}],
                 "clinicPreferences": ["central"], "reason": "Annual check-up"}""".formatted(requestId, requestId, date, from, to));
    }

    @Override
    public void close() {
        runtime.close();
        systemOfRecord.stop(0);
    }
}
