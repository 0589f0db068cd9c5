package dev.conveyor.plugin.healthcare.it;

import com.sun.net.httpserver.HttpServer;
import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.database.DatabaseSetup;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.plugin.healthcare.HealthcarePlugin;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.testkit.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The healthcare plugin on a real engine (Azurite + Postgres), with a real system of record: an HTTP server on
 * loopback that records every signed POST it receives. The engine's egress policy allows that server's port (and
 * what a test adds), as an operator would allow an internal endpoint; nothing else on loopback.
 */
final class HealthcareRuntime implements AutoCloseable {

    /** Open every day 08:00-18:00 UTC, 30-minute slots, two patients per slot. */
    static final String CLINICS = """
            [{"id": "central", "name": "Central Clinic", "address": "1 Main St, Springfield", "timeZone": "UTC",
              "opens": "08:00", "closes": "18:00", "days": ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"],
              "slotMinutes": 30, "capacity": 2}]""";

    final ConveyorEngine engine;
    final HttpServer systemOfRecord;
    final List<String> receivedIdempotencyKeys = new CopyOnWriteArrayList<>();
    final Map<String, String> receivedSignatures = new ConcurrentHashMap<>();

    HealthcareRuntime(Clock clock) {
        this(clock, 20, List.of());
    }

    /** @param alsoAllow egress allowances besides this runtime's own system of record */
    HealthcareRuntime(Clock clock, int poolSize, List<String> alsoAllow) {
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
        TestServices services = TestServices.get();
        List<DomainPlugin> plugins = List.of(new HealthcarePlugin());
        DatabasePools pools = new DatabaseSetup(services.database().jdbcUrl(), services.database().user(),
                services.database().password()).open(plugins, poolSize, null);
        engine = ConveyorEngine.builder()
                .database(pools)
                .closing(pools)
                .egressAllow(java.util.stream.Stream.concat(
                        java.util.stream.Stream.of("127.0.0.1:" + systemOfRecord.getAddress().getPort()), alsoAllow.stream()).toList())
                .storageConnectionString(services.storageConnectionString())
                .secretsKeys(TestServices.SECRETS_KEY)
                .plugins(new PluginRegistry(plugins))
                .clock(clock)
                .outboxSweep(Duration.ofMillis(300), Duration.ofSeconds(1))
                .shutdownGrace(Duration.ofSeconds(3))
                .start();
    }

    String createTenant() {
        return createTenant(Map.of("ehr", "http://127.0.0.1:" + systemOfRecord.getAddress().getPort() + "/hooks/appointments"));
    }

    /** A tenant whose systems of record are {@code urls}, by name. */
    String createTenant(Map<String, String> urls) {
        String tenant = "hc-" + UUID.randomUUID().toString().substring(0, 8);
        String systems = urls.entrySet().stream()
                .map(system -> "{\"name\": \"" + system.getKey() + "\", \"url\": \"" + system.getValue()
                        + "\", \"secret\": \"s3cret-for-tests\"}")
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        engine.createTenant(new TenantSpec(tenant, "Test Health", "healthcare",
                Map.of("clinics", CLINICS, "systemsOfRecord", systems, "notificationChannels", "EMAIL"), Map.of(), null));
        return tenant;
    }

    void request(String tenant, String requestId, String date, String from, String to) {
        engine.ingest(tenant, "appointments", """
                {"requestId": "%s",
                 "patient": {"patientId": "P-%s", "name": "Jane Doe", "email": "jane@example.com", "dateOfBirth": "1980-04-23"},
                 "preferences": [{"date": "%s", "from": "%s", "to": "%s"}],
                 "clinicPreferences": ["central"], "reason": "Annual check-up"}""".formatted(requestId, requestId, date, from, to),
                Optional.empty());
    }

    @Override
    public void close() {
        engine.close();
        systemOfRecord.stop(0);
    }
}
