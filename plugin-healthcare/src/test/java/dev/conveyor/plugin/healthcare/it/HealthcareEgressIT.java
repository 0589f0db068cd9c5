package dev.conveyor.plugin.healthcare.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.conveyor.plugin.healthcare.sync.SystemOfRecordClient;
import dev.conveyor.plugin.healthcare.view.AppointmentView;
import dev.conveyor.services.Sql;
import dev.conveyor.testkit.runtime.Probe;
import dev.conveyor.testkit.runtime.TestTenant;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant's systems of record against the platform's egress policy, on the testkit's runtime: addresses inside the network
 * are never posted to unless the operator allowed them, the tenant sees a category rather than the error, and a
 * system of record that never answers delays no other tenant and ends "timed out" within the post's deadline.
 *
 * <p>The runtime's engine has a pool of 4 database connections, as many as one tenant's data-sync stage runs posts at
 * once: were a post made inside the handler's transaction, a stalled system of record would hold every connection.
 */
final class HealthcareEgressIT {

    private static final Sql sql = Sql.asOwner();
    private static final String REFUSED = "refused by egress policy";

    private static HttpServer notAllowed;
    private static final AtomicInteger postsToNotAllowed = new AtomicInteger();
    private static StalledServer stalled;
    private static HealthcareRuntime runtime;

    @BeforeAll
    static void start() throws IOException {
        notAllowed = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        notAllowed.createContext("/", exchange -> {
            postsToNotAllowed.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        notAllowed.start();
        stalled = new StalledServer();
        runtime = new HealthcareRuntime(Clock.systemUTC(), 4, List.of("127.0.0.1:" + stalled.port()));
    }

    @AfterAll
    static void stop() throws IOException {
        runtime.close();
        notAllowed.stop(0);
        stalled.close();
    }

    /** One system of record per row: where a tenant admin pointed it, and how its first attempt must end. */
    private record Row(String system, String url, String outcome) {
    }

    @Test
    void systemsOfRecordInsideTheNetworkAreNeverPostedToUnlessTheOperatorAllowedThem() {
        int port = notAllowed.getAddress().getPort();
        List<Row> rows = List.of(
                new Row("loopback-port-not-allowed", "http://127.0.0.1:" + port + "/hooks", REFUSED),
                new Row("localhost", "http://localhost:" + port + "/hooks", REFUSED),
                new Row("decimal-loopback", "https://2130706433:" + port + "/hooks", REFUSED),
                new Row("octal-loopback", "https://0177.0.0.1:" + port + "/hooks", REFUSED),
                new Row("ipv6-loopback", "https://[::1]:" + port + "/hooks", REFUSED),
                new Row("ipv4-mapped-loopback", "https://[::ffff:127.0.0.1]:" + port + "/hooks", REFUSED),
                new Row("cloud-metadata", "https://169.254.169.254/latest/meta-data/", REFUSED),
                new Row("private-network", "https://10.0.0.1/hooks", REFUSED),
                new Row("carrier-grade-nat", "https://100.64.0.1/hooks", REFUSED),
                new Row("unspecified", "https://0.0.0.0:" + port + "/hooks", REFUSED),
                new Row("allowed-loopback", "http://127.0.0.1:" + runtime.systemOfRecord.getAddress().getPort()
                        + "/hooks/appointments", "SYNCED"));
        Map<String, String> urls = new LinkedHashMap<>();
        rows.forEach(row -> urls.put(row.system(), row.url()));
        TestTenant tenant = runtime.createTenant(urls);
        String day = LocalDate.now(ZoneOffset.UTC).plusDays(3).toString();

        runtime.request(tenant, "REQ-E", day, "10:00", "10:30");

        tenant.waitFor(Probe.of("systems of record tried once", () -> sql.count(
                "select count(*) from healthcare_sync_status where tenant_id = ? and attempts = 1", tenant.id())),
                count -> count == rows.size());
        String appointmentId = (String) sql.row("select appointment_id from healthcare_appointment where tenant_id = ?",
                tenant.id()).get("appointment_id");
        AppointmentView view = tenant.view("appointments", appointmentId, AppointmentView.class).orElseThrow();
        Map<String, String> shown = new LinkedHashMap<>();
        view.sync().forEach(sync -> shown.put(sync.system(), sync.lastError() != null ? sync.lastError() : sync.status().name()));
        for (Row row : rows) {
            assertThat(shown.get(row.system())).as(row.system() + " -> " + row.url()).isEqualTo(row.outcome());
        }
        assertThat(postsToNotAllowed).hasValue(0);
        assertThat(runtime.receivedIdempotencyKeys).contains(appointmentId + "-v1");
    }

    @Test
    void aSystemOfRecordThatNeverAnswersDelaysNoOtherTenantAndEndsTimedOut() {
        TestTenant stalledTenant = runtime.createTenant(Map.of("ehr", "http://127.0.0.1:" + stalled.port() + "/hooks"));
        TestTenant otherTenant = runtime.createTenant();
        String day = LocalDate.now(ZoneOffset.UTC).plusDays(6).toString();
        int stalledPosts = 4; // the data-sync stage's concurrency: every one of its handlers waits
        for (int i = 0; i < stalledPosts; i++) {
            String hour = "%02d".formatted(8 + i);
            runtime.request(stalledTenant, "STALL-" + i, day, hour + ":00", hour + ":30");
        }
        stalledTenant.waitFor(Probe.of("connections the stalled server accepted", stalled::accepted),
                accepted -> accepted >= stalledPosts);
        long stalledSince = System.nanoTime();

        runtime.request(otherTenant, "OTHER-0", day, "13:00", "13:30");
        runtime.request(otherTenant, "OTHER-1", day, "14:00", "14:30");

        otherTenant.waitFor(Probe.of("the other tenant's synced systems", () -> sql.count(
                "select count(*) from healthcare_sync_status where tenant_id = ? and status = 'SYNCED'", otherTenant.id())),
                count -> count == 2, Duration.ofSeconds(8));
        assertThat(Duration.ofNanos(System.nanoTime() - stalledSince)).isLessThan(SystemOfRecordClient.TIMEOUT);
        stalledTenant.waitFor(Probe.of("posts that timed out", () -> sql.count(
                "select count(*) from healthcare_sync_status where tenant_id = ? and attempts = 1 and last_error = 'timed out'",
                stalledTenant.id())), count -> count == stalledPosts, SystemOfRecordClient.TIMEOUT.plusSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - stalledSince)).isLessThan(SystemOfRecordClient.TIMEOUT.plusSeconds(5));
        assertThat(sql.count("select count(*) from dead_letter where tenant_id in (?, ?)", stalledTenant.id(), otherTenant.id()))
                .isZero();
    }

    /** Accepts connections and never reads or answers them, like a hung server. */
    private static final class StalledServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        private final List<Socket> connections = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        StalledServer() throws IOException {
            acceptor = Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try {
                        connections.add(socket.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return connections.size();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket connection : connections) {
                connection.close();
            }
        }
    }
}
