package dev.conveyor.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.EngineException;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.testplugin.EngineForClass;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.sdk.Subject;
import dev.conveyor.services.Sql;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Live streams across two engine instances sharing one Postgres: an event one commits reaches a subscriber of the
 * other within a second; a resume from an id sends what followed once; tenants see only their own events; a client
 * that stops reading is dropped, not buffered without end.
 */
final class EventStreamsIT {

    // ordered so that the subscriber side starts first and closes last
    @RegisterExtension
    @Order(1)
    static final EngineForClass subscriberSide =
            new EngineForClass(() -> TestEngines.jobs().streamLimits(new StreamLimits(3, 5, 2)));

    @RegisterExtension
    @Order(2)
    static final EngineForClass publisherSide = new EngineForClass(TestEngines::jobs);

    @BeforeAll
    static void awaitTheSubscriberSideListening() {
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriberSide.get().streams().listening());
    }

    @Test
    void anEventCommittedByAnotherInstanceReachesASubscriberWithinASecond() throws Exception {
        String tenant = newTenant();
        Subject shipment = Subject.of("shipment", "RR123456785DE");
        try (Subscription subscription = subscriberSide.get().streams().subscribe(tenant, Optional.of(shipment), -1)) {
            long id = publish(publisherSide.get(), tenant, shipment, "{\"status\":\"IN_TRANSIT\"}");
            List<StreamEvent> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).until(() -> {
                StreamEvent event = subscription.next(Duration.ofMillis(50));
                if (event != null) {
                    received.add(event);
                }
                return !received.isEmpty();
            });
            assertThat(received).singleElement().satisfies(event -> {
                assertThat(event.id()).isEqualTo(id);
                assertThat(event.subject()).isEqualTo(shipment);
                assertThat(event.data()).contains("IN_TRANSIT");
            });
        }
    }

    @Test
    void aResumeSendsWhatFollowedTheLastIdOnceAndInOrderAcrossPagesThenLiveEvents() throws Exception {
        String tenant = newTenant();
        Subject order = Subject.of("order", "O-1");
        long first = publish(publisherSide.get(), tenant, order, "{\"n\":1}");
        long second = publish(publisherSide.get(), tenant, order, "{\"n\":2}");
        long third = publish(publisherSide.get(), tenant, order, "{\"n\":3}");
        long fourth = publish(publisherSide.get(), tenant, order, "{\"n\":4}");
        publish(publisherSide.get(), tenant, Subject.of("order", "O-2"), "{\"other\":true}");
        try (Subscription subscription = subscriberSide.get().streams().subscribe(tenant, Optional.of(order), first)) {
            long live = publish(publisherSide.get(), tenant, order, "{\"n\":5}");
            List<Long> ids = new ArrayList<>();
            await().atMost(Duration.ofSeconds(2)).until(() -> {
                StreamEvent event = subscription.next(Duration.ofMillis(50));
                if (event != null) {
                    ids.add(event.id());
                }
                return ids.size() >= 4;
            });
            assertThat(subscription.next(Duration.ofMillis(300))).isNull();
            assertThat(ids).containsExactly(second, third, fourth, live);
        }
    }

    @Test
    void aTenantsStreamCarriesNoEventOfAnotherTenant() throws Exception {
        String tenant = newTenant();
        String other = newTenant();
        Subject shared = Subject.of("order", "same-key");
        try (Subscription subscription = subscriberSide.get().streams().subscribe(tenant, Optional.empty(), 0)) {
            publish(publisherSide.get(), other, shared, "{\"secret\":\"other\"}");
            long own = publish(publisherSide.get(), tenant, shared, "{\"mine\":true}");
            List<StreamEvent> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(2)).until(() -> {
                StreamEvent event = subscription.next(Duration.ofMillis(50));
                if (event != null) {
                    received.add(event);
                }
                return received.stream().anyMatch(event1 -> event1.id() == own);
            });
            assertThat(subscription.next(Duration.ofMillis(300))).isNull();
            assertThat(received).allSatisfy(event -> assertThat(event.tenantId()).isEqualTo(tenant));
            assertThat(received).noneMatch(event -> event.data().contains("other"));
        }
    }

    @Test
    void eventsCommittedWhileTheListeningConnectionIsDownArriveAfterItsReconnect() throws Exception {
        String tenant = newTenant();
        Subject subject = Subject.of("appointment", "A-1");
        try (Subscription subscription = subscriberSide.get().streams().subscribe(tenant, Optional.of(subject), -1)) {
            Sql.asOwner().execute("select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where application_name = 'conveyor-event-listener'");
            long missed = publish(publisherSide.get(), tenant, subject, "{\"status\":\"RESCHEDULED\"}");
            List<Long> ids = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                StreamEvent event = subscription.next(Duration.ofMillis(50));
                if (event != null) {
                    ids.add(event.id());
                }
                return !ids.isEmpty();
            });
            assertThat(ids).containsExactly(missed);
            await().atMost(Duration.ofSeconds(10)).until(() -> subscriberSide.get().streams().listening());
            long live = publish(publisherSide.get(), tenant, subject, "{\"status\":\"CANCELLED\"}");
            await().atMost(Duration.ofSeconds(1)).until(() -> {
                StreamEvent event = subscription.next(Duration.ofMillis(50));
                return event != null && event.id() == live;
            });
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedAndItsBufferFreed() {
        String tenant = newTenant();
        Subject subject = Subject.of("shipment", "slow");
        Subscription slow = subscriberSide.get().streams().subscribe(tenant, Optional.of(subject), -1);
        for (int i = 0; i < 8; i++) {
            publish(publisherSide.get(), tenant, subject, "{\"n\":" + i + "}");
        }
        await().atMost(Duration.ofSeconds(2)).until(slow::dropped);
        assertThat(subscriberSide.get().streams().subscriptions(tenant)).isZero();
        slow.close();
    }

    @Test
    void aTenantGetsNoMoreStreamsThanItsLimit() {
        String tenant = newTenant();
        List<Subscription> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.add(subscriberSide.get().streams().subscribe(tenant, Optional.empty(), -1));
        }
        assertThatThrownBy(() -> subscriberSide.get().streams().subscribe(tenant, Optional.empty(), -1))
                .isInstanceOf(EngineException.class).hasMessageContaining("3 live streams open");
        assertThat(subscriberSide.get().streams().subscribe(newTenant(), Optional.empty(), -1)).isNotNull();
        open.getFirst().close();
        assertThat(subscriberSide.get().streams().subscribe(tenant, Optional.empty(), -1)).isNotNull();
    }

    @Test
    void aTrackingLinkOpensOnlyItsSubjectUntilItExpires() {
        byte[] secret = "a-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        TrackingLinks links = new TrackingLinks(secret, URI.create("https://track.example.com/"), Clock.fixed(now, ZoneOffset.UTC));
        Subject shipment = Subject.of("shipment", "RR123456785DE");
        URI link = links.mint("acme", shipment, Duration.ofDays(7));
        String token = link.getPath().substring("/track/".length());

        assertThat(link.toString()).startsWith("https://track.example.com/track/");
        assertThat(links.verify(token)).isEqualTo(new TrackingLinks.TrackingLink("acme", shipment, now.plus(Duration.ofDays(7))));
        String forged = token.substring(0, token.indexOf('.') - 2) + "xx" + token.substring(token.indexOf('.'));
        assertThatThrownBy(() -> links.verify(forged)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> links.verify("garbage")).isInstanceOf(NotFoundException.class);
        TrackingLinks otherSecret = new TrackingLinks("another-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8),
                URI.create("https://x"), Clock.fixed(now, ZoneOffset.UTC));
        assertThatThrownBy(() -> otherSecret.verify(token)).isInstanceOf(NotFoundException.class);
        TrackingLinks later = new TrackingLinks(secret, URI.create("https://x"), Clock.fixed(now.plus(Duration.ofDays(8)), ZoneOffset.UTC));
        assertThatThrownBy(() -> later.verify(token)).isInstanceOf(TrackingLinkExpiredException.class)
                .hasMessageContaining("expired");
    }

    private static String newTenant() {
        return "s-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Commits one event through {@code engine}'s own pool, as a handler's transaction on that instance would. */
    private static long publish(ConveyorEngine engine, String tenant, Subject subject, String data) {
        return engine.database().inTenantTransaction(tenant, entityManager -> Database.onConnection(entityManager, connection -> {
            try (var statement = connection.prepareStatement("""
                    insert into events (tenant_id, event_id, type, subject_kind, subject_key, data, occurred_at)
                    values (?, ?, 'test.happened', ?, ?, cast(? as jsonb), ?) returning id""")) {
                statement.setString(1, tenant);
                statement.setObject(2, UUID.randomUUID());
                statement.setString(3, subject.kind());
                statement.setString(4, subject.key());
                statement.setString(5, data);
                statement.setTimestamp(6, Timestamp.from(Instant.now()));
                try (var row = statement.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        }));
    }
}
