package dev.conveyor.engine.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.sdk.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of notifications that need no database: templates, settings, signed links, the retry schedule. */
final class NotificationRulesTest {

    private final NotificationTemplates templates = new NotificationTemplates();

    @Test
    void aTemplateThatDoesNotCompileIsRefusedNamingThePartAndTheLine() {
        List<Violation> problems = templates.check(Channel.EMAIL, new NotificationTemplates.Template("Hi",
                "<p>\n\n{{#data.items}}<b>{{name}}</b>\n", "{{/data.items}}"));

        assertThat(problems).extracting(Violation::field).containsExactly("html", "text");
        assertThat(problems).allSatisfy(problem -> assertThat(problem.message()).matches("line \\d+: .+"));
    }

    @Test
    void anEmailTemplateNeedsASubjectAndAnSmsTemplateATextAlone() {
        assertThat(templates.check(Channel.EMAIL, new NotificationTemplates.Template(null, null, "text")))
                .extracting(Violation::field).containsExactly("subject");
        assertThat(templates.check(Channel.SMS, new NotificationTemplates.Template("subject", null, " ")))
                .extracting(Violation::field).containsExactly("text", "subject");
    }

    @Test
    void theHtmlIsEscapedAndTheTextIsNot() {
        NotificationTemplates.Rendered rendered = templates.render(new NotificationTemplates.Template("{{data.name}}",
                "<p>{{data.name}}</p>", "{{data.name}}"), Map.of("data", Map.of("name", "Tom & <Jerry>")));

        assertThat(rendered.subject()).isEqualTo("Tom & <Jerry>");
        assertThat(rendered.text()).isEqualTo("Tom & <Jerry>");
        assertThat(rendered.html()).isEqualTo("<p>Tom &amp; &lt;Jerry&gt;</p>");
    }

    @Test
    void everyKindHasADefaultTemplateAndSomeKindsTheirOwn() {
        assertThat(templates.defaultFor("order.shipped", Channel.EMAIL).html()).contains("{{data.message}}");
        assertThat(templates.defaultFor("appointment.reminder", Channel.SMS).text()).contains("Reminder");
        assertThat(templates.check(Channel.EMAIL, templates.defaultFor("order.shipped", Channel.EMAIL))).isEmpty();
        assertThat(templates.check(Channel.SMS, templates.defaultFor("appointment.reminder", Channel.SMS))).isEmpty();
    }

    @Test
    void settingsNameEveryBrokenRule() {
        NotificationSettings settings = new NotificationSettings(null, Map.of("Order Shipped", List.of()),
                new NotificationSettings.QuietHours("25:00", "07:00"), "Mars/Base",
                new NotificationSettings.Branding("Acme", "http://acme.example.com/logo.png", "blue", "#12345", null, "nobody"));

        assertThat(settings.channels()).containsExactly(Channel.EMAIL, Channel.SMS);
        assertThat(settings.violations()).extracting(Violation::field).containsExactlyInAnyOrder("channelsByKind.Order Shipped",
                "quietHours.start", "defaultTimeZone", "branding.primaryColour", "branding.accentColour", "branding.logoUrl",
                "branding.replyTo");
    }

    @Test
    void quietHoursMaySpanMidnight() {
        NotificationSettings.QuietHours night = new NotificationSettings.QuietHours("22:00", "07:00");
        assertThat(night.contains(LocalTime.of(23, 30))).isTrue();
        assertThat(night.contains(LocalTime.of(6, 59))).isTrue();
        assertThat(night.contains(LocalTime.of(7, 0))).isFalse();
        assertThat(night.contains(LocalTime.of(12, 0))).isFalse();
        NotificationSettings.QuietHours lunch = new NotificationSettings.QuietHours("12:00", "13:00");
        assertThat(lunch.contains(LocalTime.of(12, 30))).isTrue();
        assertThat(lunch.contains(LocalTime.of(13, 30))).isFalse();
    }

    @Test
    void anUnsubscribeLinkCannotBeForgedForAnotherRecipientOrTenant() {
        UnsubscribeLinks links = new UnsubscribeLinks("k".repeat(32).getBytes(StandardCharsets.UTF_8), "https://c.example/");
        UnsubscribeLinks.OptOut optOut = new UnsubscribeLinks.OptOut("acme", "cust-1", Channel.EMAIL, "order.shipped");
        String token = links.token(optOut);

        assertThat(links.link(optOut)).isEqualTo("https://c.example" + UnsubscribeLinks.PATH + "?token=" + token);
        assertThat(links.verify(token)).isEqualTo(optOut);
        String otherRecipient = links.token(new UnsubscribeLinks.OptOut("acme", "cust-2", Channel.EMAIL, "order.shipped"));
        String spliced = otherRecipient.substring(0, otherRecipient.indexOf('.')) + token.substring(token.indexOf('.'));
        assertThatThrownBy(() -> links.verify(spliced)).hasMessageContaining("signature does not match");
        assertThatThrownBy(() -> links.verify("garbage")).hasMessageContaining("open the link from the message again");
        UnsubscribeLinks otherKey = new UnsubscribeLinks("x".repeat(32).getBytes(StandardCharsets.UTF_8), "https://c.example");
        assertThatThrownBy(() -> otherKey.verify(token)).hasMessageContaining("signature does not match");
    }

    @Test
    void retriesDoubleWithJitterUpToTheLongestWait() {
        NotificationOptions options = NotificationOptions.defaults().withRetries(Duration.ofSeconds(30), Duration.ofMinutes(5), 8);
        for (int attempt = 1; attempt <= 6; attempt++) {
            long expected = Math.min(30_000L << (attempt - 1), 300_000L);
            assertThat(NotificationDispatcher.backoff(options, attempt).toMillis())
                    .isBetween((long) (expected * 0.8), (long) (expected * 1.2));
        }
    }

    @Test
    void retryAfterIsReadInSecondsOrAsADate() {
        assertThat(TwilioSmsProvider.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(TwilioSmsProvider.retryAfter(null)).isNull();
        assertThat(TwilioSmsProvider.retryAfter("soon")).isNull();
        assertThat(TwilioSmsProvider.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
    }
}
