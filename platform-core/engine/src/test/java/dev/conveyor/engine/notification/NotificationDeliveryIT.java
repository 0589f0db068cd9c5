package dev.conveyor.engine.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.egress.EgressHttpClient;
import dev.conveyor.engine.egress.EgressPolicy;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.stream.TrackingLinks;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.sdk.Contact;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handlers;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.NoSettings;
import dev.conveyor.sdk.NotificationRequest;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.Subject;
import dev.conveyor.sdk.Topology;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.services.SmsSink;
import dev.conveyor.services.TestServices;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications end to end on real Postgres, Azurite, an in-process SMTP server (GreenMail) and local SMS providers
 * speaking Twilio's API: a message's handler asks for a notification, and the recipient gets an e-mail and an SMS;
 * failures retry only the failed channel, fail over, bounce; quiet hours defer; opt-outs suppress.
 */
final class NotificationDeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The message the test plugin's one stage turns into a notification. */
    public record Notice(String orderId, String kind, String recipientId, String name, String email, String phone, String zone,
            boolean critical, String message) {
    }

    /** Notices -> notify: asks for one notification per message. */
    public static final class NoticesPlugin implements DomainPlugin<NoSettings> {

        static final Queue<Notice> NOTICES = Queue.of("Notices", "test.notice.v1", Notice.class);
        static final Stage<Notice> NOTIFY = Stage.of("notify", NOTICES);

        @Override
        public String id() {
            return "notices";
        }

        @Override
        public Topology topology() {
            return Topology.of(NOTIFY);
        }

        @Override
        public Handlers handlers(NoSettings settings) {
            return Handlers.builder().on(NOTIFY, (notice, context) -> {
                Contact contact = Contact.of(notice.recipientId(), notice.name()).withEmail(notice.email())
                        .withPhone(notice.phone()).withTimeZone(notice.zone() == null ? null : ZoneId.of(notice.zone()));
                NotificationRequest request = NotificationRequest.of(notice.kind(), contact, Subject.of("order",
                        notice.orderId()), Map.of("message", notice.message(), "orderId", notice.orderId(),
                        "trackingUrl", "https://track.example.com/" + notice.orderId()));
                context.notify(notice.critical() ? request.asCritical() : request);
            }).build();
        }

        @Override
        public List<IngestRoute<?>> ingestRoutes() {
            return List.of(IngestRoute.of("notices", NOTICES));
        }
    }

    private static GreenMail mail;
    private static SmsSink sms;
    private static SmsSink smsBackup;
    private static GreenMail tenantMail;
    private static SmsSink tenantSms;
    private static ShiftableClock clock;
    private static ConveyorEngine engine;
    private static NotificationOptions options;
    private static List<String> loopback;
    private static TrackingLinks trackingLinks;
    private String tenant;

    @BeforeAll
    static void start() {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        sms = new SmsSink();
        smsBackup = new SmsSink();
        tenantMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        tenantMail.start();
        tenantSms = new SmsSink();
        clock = new ShiftableClock();
        int smtpPort = mail.getSmtp().getPort();
        loopback = List.of("127.0.0.1:" + smtpPort, "127.0.0.1:" + sms.port(), "127.0.0.1:" + smsBackup.port(),
                "127.0.0.1:" + tenantMail.getSmtp().getPort(), "127.0.0.1:" + tenantSms.port());
        byte[] key = "a signing key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);
        trackingLinks = new TrackingLinks(key, URI.create("https://live.conveyor.example"), clock);
        options = NotificationOptions.defaults()
                .withProvider(egress -> new SmtpEmailProvider("smtp-test", new SmtpEmailProvider.Settings("127.0.0.1",
                        smtpPort, null, null, "none", "notifications@conveyor.example"), EgressPolicy.allowing(loopback)))
                .withProvider(egress -> new TwilioSmsProvider("sms-primary", sms.baseUrl(), "AC123", "token-1", "+15550000001",
                        egress))
                .withProvider(egress -> new TwilioSmsProvider("sms-backup", smsBackup.baseUrl(), "AC456", "token-2",
                        "+15550000002", egress))
                .withUnsubscribe(new UnsubscribeLinks(key, "https://conveyor.example.com"))
                .withTracking(new NotificationOptions.Tracking(trackingLinks, Duration.ofDays(30)))
                .withRetries(Duration.ofMillis(300), Duration.ofSeconds(1), 3)
                .withPollInterval(Duration.ofMillis(200));
        TestServices services = TestServices.get();
        DatabasePools pools = TestEngines.pools(services.database(), List.of(new NoticesPlugin()), 10);
        engine = ConveyorEngine.builder()
                .database(pools)
                .closing(pools)
                .storageConnectionString(services.storageConnectionString())
                .plugins(new PluginRegistry(List.of(new NoticesPlugin())))
                .secretsKeys(TestServices.SECRETS_KEY)
                .shutdownGrace(Duration.ofSeconds(2))
                .clock(clock)
                .egressAllow(loopback)
                .notifications(options)
                .start();
    }

    @AfterAll
    static void stop() {
        engine.close();
        mail.stop();
        sms.close();
        smsBackup.close();
        tenantMail.stop();
        tenantSms.close();
    }

    @BeforeEach
    void createTenant() {
        tenant = "n-" + UUID.randomUUID().toString().substring(0, 8);
        engine.tenants().create(new TenantSpec(tenant, "Acme Shop", "notices", Map.of(), Map.of("notify", TestEngines.QUICK),
                null));
        engine.notifications().updateSettings(tenant, new NotificationSettings(List.of(Channel.EMAIL, Channel.SMS), Map.of(),
                null, "UTC", new NotificationSettings.Branding("Acme", "https://acme.example.com/logo.png", "#112233",
                "#445566", "Acme Deliveries", "help@acme.example.com")));
    }

    private Notice notice(String kind, boolean critical) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return new Notice("O-" + unique, kind, "cust-" + unique, "Jane Doe", "jane-" + unique + "@example.com",
                "+1555" + Math.abs(unique.hashCode() % 10_000_000), null, critical, "Your order has shipped.");
    }

    private void send(Notice notice) {
        engine.routes().ingest(tenant, "notices", JSON.writeValueAsString(notice), Optional.empty());
    }

    private List<Delivery> deliveries(Notice notice) {
        return engine.notifications().deliveriesOfSubject(tenant, "order", notice.orderId());
    }

    private Delivery delivery(Notice notice, Channel channel) {
        return deliveries(notice).stream().filter(delivery -> delivery.channel() == channel).findFirst().orElseThrow();
    }

    private List<MimeMessage> mailTo(String address) {
        return Arrays.stream(mail.getReceivedMessages()).filter(message -> {
            try {
                return message.getAllRecipients()[0].toString().contains(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    @Test
    void aHandlersNotificationArrivesAsABrandedEmailAndAnSms() throws Exception {
        Notice notice = notice("order.shipped", false);
        send(notice);

        await().atMost(WAIT).ignoreExceptions().until(() -> deliveries(notice).size() == 2
                && deliveries(notice).stream().allMatch(delivery -> delivery.status() == DeliveryStatus.DELIVERED));
        List<MimeMessage> received = mailTo(notice.email());
        assertThat(received).hasSize(1);
        MimeMessage email = received.getFirst();
        assertThat(email.getSubject()).isEqualTo("News about your order " + notice.orderId() + " - Acme");
        assertThat(email.getFrom()[0].toString()).contains("Acme Deliveries").contains("notifications@conveyor.example");
        assertThat(email.getReplyTo()[0].toString()).isEqualTo("help@acme.example.com");
        String unsubscribe = email.getHeader("List-Unsubscribe")[0];
        assertThat(unsubscribe).startsWith("<https://conveyor.example.com" + UnsubscribeLinks.PATH + "?token=");
        assertThat(email.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        MimeMultipart parts = (MimeMultipart) email.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(text).contains("Hello Jane Doe,").contains("Your order has shipped.")
                .contains("The carrier's page: https://track.example.com/" + notice.orderId());
        // The live page of the notification's subject, behind a link that opens it and nothing else.
        Matcher live = Pattern.compile("Follow it live: (https://live\\.conveyor\\.example/track/(\\S+))").matcher(text);
        assertThat(live.find()).as(text).isTrue();
        TrackingLinks.TrackingLink link = trackingLinks.verify(live.group(2));
        assertThat(link.tenantId()).isEqualTo(tenant);
        assertThat(link.subject()).isEqualTo(Subject.of("order", notice.orderId()));
        assertThat(link.expiresAt()).isBetween(clock.instant().plus(Duration.ofDays(30)).minus(WAIT),
                clock.instant().plus(Duration.ofDays(30)));
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(html).contains("<img src=\"https://acme.example.com/logo.png\"").contains("#112233")
                .contains("href=\"" + live.group(1) + "\"")
                .contains("href=\"https://track.example.com/" + notice.orderId() + "\"");

        List<SmsSink.Request> texts = sms.requestsTo(notice.phone());
        assertThat(texts).hasSize(1);
        SmsSink.Request request = texts.getFirst();
        assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/AC123/Messages.json");
        assertThat(request.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString("AC123:token-1".getBytes(StandardCharsets.UTF_8)));
        assertThat(request.form()).containsEntry("From", "+15550000001")
                .containsEntry("Body", "Acme: Your order has shipped. Live: " + live.group(1));
        Delivery smsDelivery = delivery(notice, Channel.SMS);
        assertThat(request.idempotencyToken()).isEqualTo(smsDelivery.notificationId() + "-sms");
        assertThat(smsDelivery.provider()).isEqualTo("sms-primary");
        assertThat(smsDelivery.providerMessageId()).startsWith("SM");
        assertThat(smsDelivery.attempts()).isEqualTo(1);
        Delivery emailDelivery = delivery(notice, Channel.EMAIL);
        assertThat(emailDelivery.providerMessageId()).isEqualTo("<" + emailDelivery.notificationId() + "-email@conveyor>");
        assertThat(emailDelivery.deliveredAt()).isNotNull();
        assertThat(engine.notifications().deliveriesOfRecipient(tenant, notice.recipientId(), 100)).hasSize(2);
    }

    @Test
    void aTenantsOwnProvidersCarryItsMessagesAloneAndKeepTheirSecret() throws Exception {
        TenantProviders providers = engine.notifications().tenantProviders();
        int tenantSmtp = tenantMail.getSmtp().getPort();
        providers.setEmail(tenant, new TenantProviders.EmailProvider("127.0.0.1", tenantSmtp, null, null, "none",
                "news@acme.example.com"));
        TenantProviders.ProviderView smsView = providers.setSms(tenant, new TenantProviders.SmsProvider(tenantSms.baseUrl(),
                "ACacme", "acme-token", "+15550100"));
        assertThat(smsView.secretSet()).isTrue();
        assertThat(providers.list(tenant)).extracting(TenantProviders.ProviderView::channel)
                .containsExactly(Channel.EMAIL, Channel.SMS);
        assertThat(providers.get(tenant, Channel.SMS).settings()).containsEntry("accountSid", "ACacme")
                .doesNotContainValue("acme-token");
        Notice notice = notice("order.shipped", false);
        send(notice);

        await().atMost(WAIT).ignoreExceptions().until(() -> deliveries(notice).stream()
                .allMatch(delivery -> delivery.status() == DeliveryStatus.DELIVERED) && deliveries(notice).size() == 2);
        assertThat(delivery(notice, Channel.EMAIL).provider()).isEqualTo("tenant-smtp");
        assertThat(delivery(notice, Channel.SMS).provider()).isEqualTo("tenant-sms");
        assertThat(Arrays.stream(tenantMail.getReceivedMessages())).singleElement()
                .satisfies(message -> assertThat(message.getFrom()[0].toString()).contains("news@acme.example.com"));
        assertThat(mailTo(notice.email())).isEmpty();
        assertThat(sms.requestsTo(notice.phone())).isEmpty();
        assertThat(tenantSms.requestsTo(notice.phone())).singleElement().satisfies(request -> {
            assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/ACacme/Messages.json");
            assertThat(request.authorization()).isEqualTo("Basic " + java.util.Base64.getEncoder()
                    .encodeToString("ACacme:acme-token".getBytes(StandardCharsets.UTF_8)));
            assertThat(request.form()).containsEntry("From", "+15550100");
        });
        // The token is stored encrypted, and an update that leaves it out keeps it.
        assertThat(dev.conveyor.services.Sql.asOwner().count("select count(*) from notification_providers"
                + " where tenant_id = ? and secret like 'cvs1:%' and secret not like '%acme-token%'", tenant)).isEqualTo(1);
        providers.setSms(tenant, new TenantProviders.SmsProvider(tenantSms.baseUrl(), "ACacme", null, "+15550199"));
        Notice again = notice("order.delivered", false);
        send(again);
        await().atMost(WAIT).ignoreExceptions().until(() -> delivery(again, Channel.SMS).status() == DeliveryStatus.DELIVERED);
        assertThat(tenantSms.requestsTo(again.phone())).singleElement().satisfies(request -> {
            assertThat(request.authorization()).endsWith(java.util.Base64.getEncoder()
                    .encodeToString("ACacme:acme-token".getBytes(StandardCharsets.UTF_8)));
            assertThat(request.form()).containsEntry("From", "+15550199");
        });

        // Removed, the channel goes through the platform's provider again.
        assertThat(providers.remove(tenant, Channel.SMS)).isTrue();
        Notice platform = notice("order.delivered", false);
        send(platform);
        await().atMost(WAIT).ignoreExceptions().until(() -> delivery(platform, Channel.SMS).status() == DeliveryStatus.DELIVERED);
        assertThat(delivery(platform, Channel.SMS).provider()).isEqualTo("sms-primary");
    }

    @Test
    void aTenantCannotPointItsProvidersInsideThePlatformsNetworkOrSendSecretsInClear() {
        TenantProviders providers = engine.notifications().tenantProviders();
        assertThatThrownBy(() -> providers.setEmail(tenant, new TenantProviders.EmailProvider("10.1.2.3", 587, "acme", null,
                "plaintext", "not an address")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(dev.conveyor.sdk.Violation::field)
                        .containsExactlyInAnyOrder("host", "security", "from", "password"));
        assertThatThrownBy(() -> providers.setSms(tenant, new TenantProviders.SmsProvider("http://169.254.169.254/latest",
                "AC/../x", null, "+1")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(dev.conveyor.sdk.Violation::field)
                        .containsExactlyInAnyOrder("baseUrl", "accountSid", "authToken", "from"));
        assertThatThrownBy(() -> providers.setSms(tenant, new TenantProviders.SmsProvider("http://sms.example.com",
                "ACacme", "token", "+15550100")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(violation -> assertThat(violation.message()).contains("must be https")));
        assertThat(providers.list(tenant)).isEmpty();
    }

    @Test
    void aProviderErrorRetriesOnlyTheFailedChannel() {
        Notice notice = notice("order.confirmed", false);
        // both providers fail the first attempt
        sms.then(notice.phone(), SmsSink.Answer.error(500, 20500));
        smsBackup.then(notice.phone(), SmsSink.Answer.error(500, 20500));
        send(notice);

        await().atMost(WAIT).ignoreExceptions().until(() -> delivery(notice, Channel.SMS).status() == DeliveryStatus.DELIVERED);
        assertThat(sms.requestsTo(notice.phone())).hasSize(2)
                .extracting(SmsSink.Request::idempotencyToken).containsOnly(delivery(notice, Channel.SMS)
                        .notificationId() + "-sms");
        assertThat(delivery(notice, Channel.SMS).attempts()).isEqualTo(2);
        assertThat(delivery(notice, Channel.EMAIL).attempts()).isEqualTo(1);
        assertThat(mailTo(notice.email())).hasSize(1);
    }

    @Test
    void aRateLimitedProviderIsRetriedNoSoonerThanItsRetryAfter() {
        Notice notice = notice("order.confirmed", false);
        SmsSink.Answer slowDown = new SmsSink.Answer(429, "{\"code\": 20429, \"message\": \"Too Many"
                + " Requests\"}", Map.of("Retry-After", "2"));
        sms.then(notice.phone(), slowDown);
        smsBackup.then(notice.phone(), slowDown);
        send(notice);

        await().atMost(WAIT).ignoreExceptions().until(() -> delivery(notice, Channel.SMS).status() == DeliveryStatus.DELIVERED);
        List<SmsSink.Request> requests = sms.requestsTo(notice.phone());
        assertThat(requests).hasSize(2);
        assertThat(Duration.ofNanos(requests.get(1).receivedAtNanos() - requests.get(0).receivedAtNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void theSecondProviderTakesOverWhenTheFirstFails() {
        Notice notice = notice("order.shipped", false);
        sms.then(notice.phone(), SmsSink.Answer.error(503, 20503), SmsSink.Answer.error(503, 20503),
                SmsSink.Answer.error(503, 20503));
        send(notice);
        await().atMost(WAIT).ignoreExceptions().until(() -> delivery(notice, Channel.SMS).status() == DeliveryStatus.DELIVERED);
        Delivery delivered = delivery(notice, Channel.SMS);
        assertThat(delivered.provider()).isEqualTo("sms-backup");
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.lastErrorCategory()).isEqualTo("provider-unavailable");
        assertThat(delivered.lastError()).contains("sms-primary: HTTP 503");
        assertThat(smsBackup.requestsTo(notice.phone())).singleElement()
                .satisfies(request -> assertThat(request.path()).isEqualTo("/2010-04-01/Accounts/AC456/Messages.json"));
    }

    @Test
    void aNumberTheProviderCannotReachBouncesWithoutRetries() {
        Notice notice = notice("order.shipped", false);
        sms.then(notice.phone(), SmsSink.Answer.error(400, 21211));
        send(notice);

        await().atMost(WAIT).ignoreExceptions().until(() -> delivery(notice, Channel.SMS).status() == DeliveryStatus.BOUNCED);
        assertThat(delivery(notice, Channel.SMS).lastErrorCategory()).isEqualTo("recipient-rejected");
        assertThat(sms.requestsTo(notice.phone())).hasSize(1);
        assertThat(smsBackup.requestsTo(notice.phone())).isEmpty();
    }

    @Test
    void quietHoursDeferNonCriticalNotificationsUntilTheyEndAndLetCriticalOnesThrough() {
        // A zone in which it is now 23:00, give or take a minute; quiet from 22:00 to 07:00 there.
        LocalTime utcNow = LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        int offsetSeconds = (int) Math.floorMod(Duration.ofHours(23).toSeconds() - utcNow.toSecondOfDay(), 86_400);
        ZoneOffset zone = ZoneOffset.ofTotalSeconds(offsetSeconds > 43_200 ? offsetSeconds - 86_400 : offsetSeconds);
        engine.notifications().updateSettings(tenant, new NotificationSettings(List.of(Channel.EMAIL, Channel.SMS), Map.of(),
                new NotificationSettings.QuietHours("22:00", "07:00"), "UTC", null));
        Notice routine = withZone(notice("order.shipped", false), zone);
        Notice urgent = withZone(notice("appointment.changed", true), zone);
        send(routine);
        send(urgent);

        await().atMost(WAIT).ignoreExceptions().until(() -> deliveries(urgent).stream().allMatch(d -> d.status() == DeliveryStatus.DELIVERED)
                && deliveries(routine).size() == 2
                && deliveries(routine).stream().allMatch(d -> d.note() != null && d.note().startsWith("deferred")));
        assertThat(deliveries(routine)).allSatisfy(delivery -> {
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.QUEUED);
            assertThat(delivery.attempts()).isZero();
            assertThat(delivery.nextAttemptAt().atOffset(zone).toLocalTime()).isEqualTo(LocalTime.of(7, 0));
        });
        assertThat(mailTo(routine.email())).isEmpty();

        clock.advance(Duration.ofHours(8).plusMinutes(5));
        await().atMost(WAIT).ignoreExceptions().until(() -> deliveries(routine).stream().allMatch(d -> d.status() == DeliveryStatus.DELIVERED));
        assertThat(mailTo(routine.email())).hasSize(1);
    }

    private static Notice withZone(Notice notice, ZoneOffset zone) {
        return new Notice(notice.orderId(), notice.kind(), notice.recipientId(), notice.name(), notice.email(), notice.phone(),
                zone.getId(), notice.critical(), notice.message());
    }

    @Test
    void anOptOutSuppressesItsChannelAndTheSignedLinkUnsubscribes() throws Exception {
        Notice first = notice("order.shipped", false);
        engine.notifications().replaceOptOuts(tenant, first.recipientId(),
                List.of(new Notifications.OptOut("SMS", "order.shipped", null)));
        send(first);

        await().atMost(WAIT).ignoreExceptions().until(() -> delivery(first, Channel.EMAIL).status() == DeliveryStatus.DELIVERED
                && delivery(first, Channel.SMS).status() == DeliveryStatus.SUPPRESSED);
        assertThat(delivery(first, Channel.SMS).note()).isEqualTo("the recipient opted out of SMS for 'order.shipped'");
        assertThat(sms.requestsTo(first.phone())).isEmpty();

        // the e-mail's one-click link opts the recipient out of e-mail for the kind
        String header = mailTo(first.email()).getFirst().getHeader("List-Unsubscribe")[0];
        Matcher token = Pattern.compile("token=([^>]+)>").matcher(header);
        assertThat(token.find()).isTrue();
        assertThatThrownBy(() -> engine.notifications().unsubscribe(token.group(1) + "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signature does not match");
        UnsubscribeLinks.OptOut optedOut = engine.notifications().unsubscribe(token.group(1));
        assertThat(optedOut).isEqualTo(new UnsubscribeLinks.OptOut(tenant, first.recipientId(), Channel.EMAIL,
                "order.shipped"));

        Notice second = new Notice("O-" + UUID.randomUUID().toString().substring(0, 8), "order.shipped", first.recipientId(),
                first.name(), first.email(), first.phone(), null, false, "Another parcel has shipped.");
        send(second);
        await().atMost(WAIT).ignoreExceptions().until(() -> deliveries(second).size() == 2
                && deliveries(second).stream().allMatch(d -> d.status() == DeliveryStatus.SUPPRESSED));
        assertThat(mailTo(first.email())).hasSize(1);
    }

    @Test
    void templatesAreValidatedNamingTheLineAndRenderWithTheTenantsBranding() {
        assertThatThrownBy(() -> engine.notifications().putTemplate(tenant, "order.shipped", Channel.EMAIL,
                new NotificationTemplates.Template("Shipped", "<p>\n{{#data.items}}\n<b>{{name}}</b>\n", "text")))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(violation -> {
                            assertThat(violation.field()).isEqualTo("html");
                            assertThat(violation.message()).startsWith("line ");
                        }));
        engine.notifications().putTemplate(tenant, "order.shipped", Channel.SMS,
                new NotificationTemplates.Template(null, null, "{{tenant.name}} says: order {{data.orderId}} is on its way"));
        NotificationTemplates.Rendered preview = engine.notifications().preview(tenant, "order.shipped", Channel.SMS, null,
                Map.of("orderId", "O-PREVIEW"), "Jane");
        assertThat(preview.text()).isEqualTo("Acme says: order O-PREVIEW is on its way");

        Notice notice = notice("order.shipped", false);
        send(notice);
        await().atMost(WAIT).ignoreExceptions().until(() -> delivery(notice, Channel.SMS).status() == DeliveryStatus.DELIVERED);
        assertThat(sms.requestsTo(notice.phone()).getFirst().form())
                .containsEntry("Body", "Acme says: order " + notice.orderId() + " is on its way");
        assertThat(engine.notifications().deleteTemplate(tenant, "order.shipped", Channel.SMS)).isTrue();
        assertThat(engine.notifications().template(tenant, "order.shipped", Channel.SMS).custom()).isFalse();
    }

    @Test
    void twoInstancesDeliverEachChannelOnce() {
        try (EgressHttpClient egress = new EgressHttpClient(EgressPolicy.allowing(loopback));
                Notifications secondInstance = new Notifications(engine.database(), JSON, clock, egress,
                        dev.conveyor.engine.secrets.SecretCipher.of(TestServices.SECRETS_KEY), options)) {
            secondInstance.start();
            List<Notice> notices = java.util.stream.IntStream.range(0, 20).mapToObj(i -> notice("order.shipped", false))
                    .toList();
            notices.forEach(this::send);

            await().atMost(WAIT).ignoreExceptions().until(() -> notices.stream().allMatch(notice -> deliveries(notice).size() == 2
                    && deliveries(notice).stream().allMatch(d -> d.status() == DeliveryStatus.DELIVERED)));
            assertThat(notices).allSatisfy(notice -> {
                assertThat(mailTo(notice.email())).hasSize(1);
                assertThat(sms.requestsTo(notice.phone()).size() + smsBackup.requestsTo(notice.phone()).size()).isEqualTo(1);
            });
        }
    }

    @Test
    void thePurgeRemovesEndedNotificationsPastTheRetentionAndKeepsTheRest() {
        Notice ended = notice("order.shipped", false);
        send(ended);
        await().atMost(WAIT).ignoreExceptions().until(() -> deliveries(ended).stream()
                .allMatch(d -> d.status() == DeliveryStatus.DELIVERED) && deliveries(ended).size() == 2);
        engine.notifications().replaceOptOuts(tenant, ended.recipientId(), List.of(new Notifications.OptOut("*", "*", null)));

        assertThat(engine.notifications().purge(Duration.ofDays(1))).isZero();
        assertThat(deliveries(ended)).hasSize(2);
        clock.advance(Duration.ofDays(2));
        assertThat(engine.notifications().purge(Duration.ofDays(1))).isPositive();
        assertThat(deliveries(ended)).isEmpty();
        assertThat(engine.notifications().optOuts(tenant, ended.recipientId())).hasSize(1);
    }

    @Test
    void anotherTenantSeesNoneOfTheDeliveries() {
        Notice notice = notice("order.shipped", false);
        send(notice);
        await().atMost(WAIT).ignoreExceptions().until(() -> deliveries(notice).size() == 2);
        String other = "n-" + UUID.randomUUID().toString().substring(0, 8);
        engine.tenants().create(new TenantSpec(other, "Other", "notices", Map.of(), Map.of(), null));
        assertThat(engine.notifications().deliveriesOfSubject(other, "order", notice.orderId())).isEmpty();
        assertThat(engine.notifications().deliveriesOfRecipient(other, notice.recipientId(), 100)).isEmpty();
        assertThat(Instant.now()).isNotNull();
    }
}
