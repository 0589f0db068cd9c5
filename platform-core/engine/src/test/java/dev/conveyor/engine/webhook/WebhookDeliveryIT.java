package dev.conveyor.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.engine.webhook.Webhooks.Endpoint;
import dev.conveyor.engine.webhook.Webhooks.EndpointSpec;
import dev.conveyor.engine.webhook.Webhooks.Message;
import dev.conveyor.services.MutableClock;
import dev.conveyor.services.Sql;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook delivery on real Postgres and Azurite, by the engine alone: two engines sharing one database deliver each
 * message once; one tenant's slow endpoint does not hold up another tenant's deliveries; an endpoint that fails
 * without a success for five days (on a driven clock) is disabled.
 */
final class WebhookDeliveryIT {

    private static HttpServer receiver;
    private static final Map<String, AtomicInteger> deliveriesById = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> deliveriesByPath = new ConcurrentHashMap<>();
    private static final CountDownLatch slowEndpointsAnswer = new CountDownLatch(1);

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            deliveriesById.computeIfAbsent(exchange.getRequestHeaders().getFirst("webhook-id"), id -> new AtomicInteger())
                    .incrementAndGet();
            deliveriesByPath.computeIfAbsent(path, id -> new AtomicInteger()).incrementAndGet();
            if (path.startsWith("/slow")) {
                try {
                    slowEndpointsAnswer.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(path.startsWith("/down") ? 500 : 204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void twoEnginesSharingTheDatabaseDeliverEachMessageOnce() {
        WebhookOptions quick = new WebhookOptions(WebhookOptions.defaults().retryDelays(), Duration.ofSeconds(60),
                Duration.ofDays(5), Duration.ofSeconds(5), 4, Duration.ofMillis(20), Duration.ofHours(1));
        try (ConveyorEngine first = engine(Clock.systemUTC(), quick); ConveyorEngine second = engine(Clock.systemUTC(), quick)) {
            String tenant = "whd-" + UUID.randomUUID().toString().substring(0, 8);
            first.tenants().create(TenantSpec.of(tenant, "jobs"));
            Endpoint endpoint = first.webhooks().create(tenant, new EndpointSpec(url("/shared/" + tenant), null, null, null))
                    .endpoint();

            for (int i = 0; i < 60; i++) {
                publish(first, tenant, Instant.now());
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> second.webhooks().messages(tenant, endpoint.id(),
                    Optional.of("SUCCEEDED"), 1000).size() == 60);
            List<Message> messages = first.webhooks().messages(tenant, endpoint.id(), Optional.empty(), 1000);
            assertThat(messages).hasSize(60).allMatch(message -> message.attempts() == 1);
            assertThat(messages).allMatch(message -> deliveriesById.get(message.id().toString()).get() == 1);
            assertThat(deliveriesByPath.get("/shared/" + tenant).get()).isEqualTo(60);
        }
    }

    @Test
    void oneTenantsSlowEndpointHoldsOnlyItsOwnSlotsNotAnotherTenantsDeliveries() {
        WebhookOptions twoPerTenant = new WebhookOptions(WebhookOptions.defaults().retryDelays(), Duration.ofSeconds(60),
                Duration.ofDays(5), Duration.ofSeconds(15), 2, Duration.ofMillis(20), Duration.ofHours(1));
        try (ConveyorEngine engine = engine(Clock.systemUTC(), twoPerTenant)) {
            String slow = "whs-" + UUID.randomUUID().toString().substring(0, 8);
            String quick = "whq-" + UUID.randomUUID().toString().substring(0, 8);
            engine.tenants().create(TenantSpec.of(slow, "jobs"));
            engine.tenants().create(TenantSpec.of(quick, "jobs"));
            engine.webhooks().create(slow, new EndpointSpec(url("/slow/" + slow), null, null, null));
            engine.webhooks().create(quick, new EndpointSpec(url("/quick/" + quick), null, null, null));
            for (int i = 0; i < 10; i++) {
                publish(engine, slow, Instant.now());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> count("/slow/" + slow) == 2);

            publish(engine, quick, Instant.now());

            await().atMost(Duration.ofSeconds(5)).until(() -> count("/quick/" + quick) == 1);
            assertThat(count("/slow/" + slow)).as("deliveries of the slow tenant under way at once").isEqualTo(2);
            slowEndpointsAnswer.countDown();
            await().atMost(Duration.ofSeconds(20)).until(() -> count("/slow/" + slow) == 10);
        } finally {
            slowEndpointsAnswer.countDown();
        }
    }

    private static int count(String path) {
        AtomicInteger count = deliveriesByPath.get(path);
        return count == null ? 0 : count.get();
    }

    @Test
    void anEndpointFailingWithoutASuccessForFiveDaysIsDisabledWithTheReason() {
        MutableClock clock = new MutableClock(Instant.now());
        WebhookOptions svix = new WebhookOptions(WebhookOptions.defaults().retryDelays(), Duration.ofSeconds(60),
                Duration.ofDays(5), Duration.ofSeconds(5), 4, Duration.ofMillis(50), Duration.ofHours(1));
        try (ConveyorEngine engine = engine(clock, svix)) {
            String tenant = "whf-" + UUID.randomUUID().toString().substring(0, 8);
            engine.tenants().create(TenantSpec.of(tenant, "jobs"));
            Endpoint endpoint = engine.webhooks().create(tenant, new EndpointSpec(url("/down/" + tenant), null, null,
                    null)).endpoint();

            publish(engine, tenant, clock.instant());
            await().atMost(Duration.ofSeconds(20)).until(() -> attempts(engine, tenant, endpoint) == 1);
            clock.advance(Duration.ofSeconds(7));
            await().atMost(Duration.ofSeconds(20)).until(() -> attempts(engine, tenant, endpoint) == 2);
            assertThat(engine.webhooks().get(tenant, endpoint.id()).enabled()).isTrue();
            clock.advance(Duration.ofDays(5));

            await().atMost(Duration.ofSeconds(20)).until(() -> !engine.webhooks().get(tenant, endpoint.id()).enabled());
            Endpoint disabled = engine.webhooks().get(tenant, endpoint.id());
            assertThat(disabled.disabledReason()).contains("every delivery failed since");
            assertThat(disabled.failingSince()).isNotNull();
            assertThat(deliveriesByPath.get("/down/" + tenant).get()).isEqualTo(3);
        }
    }

    @Test
    void thePurgeRemovesEndedMessagesPastTheRetentionAndThoseWhoseEventIsGoneAndKeepsTheRest() {
        WebhookOptions quick = new WebhookOptions(WebhookOptions.defaults().retryDelays(), Duration.ofSeconds(60),
                Duration.ofDays(5), Duration.ofSeconds(5), 4, Duration.ofMillis(20), Duration.ofHours(1));
        try (ConveyorEngine engine = engine(Clock.systemUTC(), quick)) {
            String tenant = "whp-" + UUID.randomUUID().toString().substring(0, 8);
            engine.tenants().create(TenantSpec.of(tenant, "jobs"));
            Endpoint ok = engine.webhooks().create(tenant, new EndpointSpec(url("/ok/" + tenant), null, null, null)).endpoint();
            Endpoint parked = engine.webhooks().create(tenant, new EndpointSpec(url("/parked/" + tenant), null, null, false))
                    .endpoint();
            Instant now = Instant.now();
            publish(engine, tenant, now.minus(Duration.ofDays(2)));
            publish(engine, tenant, now);
            await().atMost(Duration.ofSeconds(20)).until(() -> engine.webhooks().messages(tenant, ok.id(),
                    Optional.of("SUCCEEDED"), 10).size() == 2);
            Sql owner = Sql.asOwner();
            // Waiting on a disabled endpoint, its event still there: kept until the event goes.
            owner.execute("insert into webhook_messages (tenant_id, id, endpoint_id, event_id, event_type, next_attempt_at,"
                    + " created_at) select '" + tenant + "', gen_random_uuid(), '" + parked.id() + "', event_id, type,"
                    + " occurred_at, occurred_at from events where tenant_id = '" + tenant + "' order by occurred_at limit 1");
            // Waiting for an event the retention purge removed: nothing can deliver it any more.
            owner.execute("insert into webhook_messages (tenant_id, id, endpoint_id, event_id, event_type, next_attempt_at,"
                    + " created_at) values ('" + tenant + "', gen_random_uuid(), '" + ok.id() + "', gen_random_uuid(),"
                    + " 'job.done', now() + interval '1 day', now() - interval '3 days')");

            int purged = engine.webhooks().purge(Duration.ofDays(1));

            assertThat(purged).isGreaterThanOrEqualTo(2);
            assertThat(engine.webhooks().messages(tenant, ok.id(), Optional.empty(), 10)).singleElement()
                    .satisfies(message -> assertThat(message.status()).isEqualTo("SUCCEEDED"));
            assertThat(engine.webhooks().messages(tenant, parked.id(), Optional.empty(), 10)).singleElement()
                    .satisfies(message -> assertThat(message.status()).isEqualTo("PENDING"));
        }
    }

    private static int attempts(ConveyorEngine engine, String tenant, Endpoint endpoint) {
        return engine.webhooks().messages(tenant, endpoint.id(), Optional.empty(), 10).getFirst().attempts();
    }

    private static ConveyorEngine engine(Clock clock, WebhookOptions options) {
        return TestEngines.jobs()
                .clock(clock)
                .egressAllow(List.of("127.0.0.1:" + receiver.getAddress().getPort()))
                .webhooks(options)
                .start();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    /** An event as a plugin's publish writes it (the jobs plugin publishes none of its own). */
    private static void publish(ConveyorEngine engine, String tenant, Instant at) {
        engine.database().inTenantTransaction(tenant, entityManager -> entityManager.createNativeQuery("""
                insert into events (tenant_id, event_id, type, subject_kind, subject_key, data, occurred_at)
                values (?1, ?2, 'job.done', 'job', ?3, cast(?4 as jsonb), ?5)""")
                .setParameter(1, tenant)
                .setParameter(2, UUID.randomUUID())
                .setParameter(3, "J-1")
                .setParameter(4, "{\"jobId\": \"J-1\"}")
                .setParameter(5, Timestamp.from(at))
                .executeUpdate());
    }
}
