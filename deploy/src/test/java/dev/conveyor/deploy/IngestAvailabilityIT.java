package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.server.ConveyorServer;
import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.LocalAzurite;
import dev.conveyor.services.LocalPostgres;
import dev.conveyor.services.Sql;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 16's proof: a shop sends orders steadily (several clients, about 8 per second) through a server while its
 * Postgres is paused (SIGSTOP), then killed (SIGKILL) and restarted, then while its Azurite is paused. Every request
 * is answered within 2 seconds, 202 or 503 with Retry-After; the shop retries each 503 with the same
 * Idempotency-Key until it gets a 202; in the end every order was processed exactly once, with no dead letter.
 * Readiness is down while Postgres is, up while only Azurite is; liveness is up throughout. Uses a Postgres and an
 * Azurite of its own; outages are kept to about 10 seconds so the suite stays fast.
 */
final class IngestAvailabilityIT {

    private static final String TENANT = "avail";
    private static final Duration ANSWER_DEADLINE = Duration.ofSeconds(2);
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(ANSWER_DEADLINE).build();

    @Test
    void ingestAnswersFastThroughDatabaseAndQueueOutagesAndEveryAcceptedOrderIsProcessedOnce() throws IOException {
        Path scratch = Files.createTempDirectory("conveyor-availability-");
        LocalAzurite azurite = LocalAzurite.start(scratch.resolve("azurite"));
        LocalPostgres postgres = LocalPostgres.start(Optional.of(scratch.resolve("postgres")));
        Sql sql = new Sql(new DatabaseSettings(postgres.jdbcUrl(), postgres.user(), postgres.password()));
        ConfigurableApplicationContext server = new SpringApplicationBuilder(ConveyorServer.class).properties(
                "server.port=0",
                "conveyor.database.url=" + postgres.jdbcUrl(),
                "conveyor.database.user=" + postgres.user(),
                "conveyor.database.password=" + postgres.password(),
                "conveyor.database.pool-size=10",
                "conveyor.storage-connection-string=" + azurite.connectionString(),
                "conveyor.bootstrap-admin-key=" + ServerUnderTest.ADMIN_KEY,
                "conveyor.shutdown-grace=3s",
                "conveyor.plugins-dir=" + ServerUnderTest.PLUGINS,
                "conveyor.tenants[0].id=" + TENANT,
                "conveyor.tenants[0].plugin=logistics",
                "conveyor.secrets.key=" + dev.conveyor.services.TestServices.SECRETS_KEY).run();
        int port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        Shop shop = new Shop(port);
        try {
            shop.open(4, Duration.ofMillis(500));
            await().atMost(Duration.ofSeconds(30)).until(() -> shop.accepted() >= 10);

            // Postgres hangs: requests are refused at once (503), readiness goes down, liveness stays up.
            postgres.pause();
            int acceptedBefore = shop.accepted();
            await().atMost(Duration.ofSeconds(5)).until(() -> probe(port, "readiness") == 503);
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> probe(port, "liveness") == 200);
            assertThat(shop.unavailable()).as("503s while Postgres hung").isPositive();
            postgres.resume();
            await().atMost(Duration.ofSeconds(30)).until(() -> probe(port, "readiness") == 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> shop.accepted() >= acceptedBefore + 10);

            // Postgres crashes and comes back (crash recovery from its log).
            int unavailableBefore = shop.unavailable();
            postgres.crashAndRestart();
            await().atMost(Duration.ofSeconds(30)).until(() -> probe(port, "readiness") == 200);
            int acceptedAfterCrash = shop.accepted();
            await().atMost(Duration.ofSeconds(30)).until(() -> shop.accepted() >= acceptedAfterCrash + 10);

            // The queue service hangs: orders are still taken (they wait in the outbox), readiness stays up.
            int acceptedBeforeQueueOutage = shop.accepted();
            azurite.pause();
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> probe(port, "readiness") == 200
                    && probe(port, "liveness") == 200);
            assertThat(shop.accepted() - acceptedBeforeQueueOutage).as("orders taken while the queue service hung")
                    .isGreaterThanOrEqualTo((int) OUTAGE.toSeconds() * 4);
            azurite.resume();

            shop.close();
            await().atMost(Duration.ofSeconds(60)).until(shop::allAccepted);
            System.out.printf("availability: %d orders, %d requests, %d answered 503 (%d after the crash), slowest answer"
                    + " %d ms%n", shop.orders(), shop.requests(), shop.unavailable(), shop.unavailable() - unavailableBefore,
                    shop.slowestMillis());

            assertThat(shop.failures()).as("answers other than 202 or 503 with Retry-After, and timeouts").isEmpty();
            assertThat(shop.slowestMillis()).as("slowest answer, ms").isLessThan(ANSWER_DEADLINE.toMillis());
            assertThat(shop.messageIdsPerOrder()).as("one message id per order, however often it was sent")
                    .allSatisfy((order, ids) -> assertThat(ids).hasSize(1));
            int orders = shop.orders();
            await().atMost(Duration.ofMinutes(3)).until(() -> sql.count(
                    "select count(*) from logistics_order where tenant_id = ? and status = 'NOTIFIED'", TENANT) == orders);
            assertThat(sql.count("select count(*) from logistics_order where tenant_id = ?", TENANT)).isEqualTo(orders);
            assertThat(sql.count("select count(*) from logistics_notification where tenant_id = ?", TENANT)).isEqualTo(orders);
            for (String stage : List.of("dispatch", "tracking", "notify")) {
                assertThat(sql.count("select count(*) from inbox where tenant_id = ? and stage = ?", TENANT, stage))
                        .as("inbox of " + stage).isEqualTo(orders);
            }
            assertThat(sql.count("select count(*) from dead_letter where tenant_id = ?", TENANT)).isZero();
        } finally {
            shop.stop();
            azurite.resume();
            server.close();
            azurite.close();
            postgres.close();
        }
    }

    private int probe(int port, String group) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/" + group))
                    .timeout(ANSWER_DEADLINE).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The shop in front of Conveyor: clients that each send a new order at a fixed rate, and retry an order answered
     * 503 (after its Retry-After) or not answered in time, with the same Idempotency-Key, until it is taken.
     */
    private final class Shop implements AutoCloseable {

        private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\"\\s*:\\s*\"([^\"]+)\"");

        private final int port;
        private final ScheduledExecutorService clients = Executors.newScheduledThreadPool(4);
        private final AtomicInteger sequence = new AtomicInteger();
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger unavailable = new AtomicInteger();
        private final Map<String, java.util.Set<String>> messageIds = new ConcurrentHashMap<>();
        private final Map<String, Boolean> taken = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private volatile long slowestNanos;
        private volatile boolean open = true;

        Shop(int port) {
            this.port = port;
        }

        void open(int clientCount, Duration every) {
            for (int client = 0; client < clientCount; client++) {
                clients.scheduleAtFixedRate(() -> {
                    if (open) {
                        String orderId = "AV-" + sequence.incrementAndGet();
                        taken.put(orderId, false);
                        Thread.startVirtualThread(() -> send(orderId));
                    }
                }, client * every.toMillis() / clientCount, every.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void send(String orderId) {
            requests.incrementAndGet();
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/v1/tenants/" + TENANT + "/orders"))
                        .timeout(ANSWER_DEADLINE.plusSeconds(3))
                        .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY)
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", orderId)
                        .POST(HttpRequest.BodyPublishers.ofString(order(orderId))).build(),
                        HttpResponse.BodyHandlers.ofString());
                record(System.nanoTime() - started);
                Optional<String> retryAfter = response.headers().firstValue("Retry-After");
                if (response.statusCode() == 202) {
                    Matcher id = MESSAGE_ID.matcher(response.body());
                    messageIds.computeIfAbsent(orderId, order -> ConcurrentHashMap.newKeySet())
                            .add(id.find() ? id.group(1) : "(none)");
                    taken.put(orderId, true);
                } else if (response.statusCode() == 503 && retryAfter.isPresent()) {
                    unavailable.incrementAndGet();
                    retry(orderId, Duration.ofSeconds(Long.parseLong(retryAfter.get())));
                } else {
                    failures.add(orderId + ": " + response.statusCode() + " " + response.headers().map() + " "
                            + response.body());
                    retry(orderId, Duration.ofSeconds(1));
                }
            } catch (HttpTimeoutException e) {
                record(System.nanoTime() - started);
                failures.add(orderId + ": no answer within " + ANSWER_DEADLINE.plusSeconds(3));
                retry(orderId, Duration.ofSeconds(1));
            } catch (IOException e) {
                failures.add(orderId + ": " + e);
                retry(orderId, Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void retry(String orderId, Duration after) {
            if (!clients.isShutdown()) {
                clients.schedule(() -> Thread.startVirtualThread(() -> send(orderId)), after.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private synchronized void record(long nanos) {
            slowestNanos = Math.max(slowestNanos, nanos);
        }

        int accepted() {
            return (int) taken.values().stream().filter(Boolean::booleanValue).count();
        }

        int unavailable() {
            return unavailable.get();
        }

        int orders() {
            return taken.size();
        }

        int requests() {
            return requests.get();
        }

        boolean allAccepted() {
            return taken.values().stream().allMatch(Boolean::booleanValue);
        }

        long slowestMillis() {
            return TimeUnit.NANOSECONDS.toMillis(slowestNanos);
        }

        List<String> failures() {
            return List.copyOf(failures);
        }

        Map<String, java.util.Set<String>> messageIdsPerOrder() {
            return messageIds;
        }

        /** Sends no new orders; retries of those not yet taken go on until {@link #allAccepted()}. */
        @Override
        public void close() {
            open = false;
        }

        /** Stops the clients, retries included. */
        void stop() {
            open = false;
            clients.shutdownNow();
        }

        private static String order(String orderId) {
            return """
                    {"orderId": "%s", "customer": {"name": "Grace Hopper", "email": "grace@example.com"},
                     "items": [{"sku": "SKU-1", "description": "Book", "quantity": 1, "weightKg": 0.5}],
                     "shipping": {"address": {"line1": "1 Main St", "city": "Boston", "postalCode": "02118", "country": "US"},
                                  "serviceLevel": "STANDARD"}}""".formatted(orderId);
        }
    }
}
