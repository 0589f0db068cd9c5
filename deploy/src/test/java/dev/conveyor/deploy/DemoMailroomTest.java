package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The demo's stand-ins for providers: what a pipeline sends by SMTP, by the SMS provider's API and by webhook shows on
 * the mail-catcher page (escaped, tracking links clickable) and in the delivery counts.
 */
final class DemoMailroomTest {

    private static final String LINK = "http://127.0.0.1:8080/track/YWNtZQ.c2ln";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void whatTheServerSendsIsListedCountedAndItsTrackingLinkOffered() throws Exception {
        try (DemoMailroom mailroom = DemoMailroom.start()) {
            Map<String, Object> properties = mailroom.serverProperties();
            int smtpPort = (Integer) properties.get("conveyor.notifications.email[0].port");
            assertThat((String) properties.get("conveyor.egress.allow")).contains("127.0.0.1:" + smtpPort)
                    .contains("127.0.0.1:" + mailroom.port());

            Properties smtp = new Properties();
            smtp.put("mail.smtp.host", "127.0.0.1");
            smtp.put("mail.smtp.port", String.valueOf(smtpPort));
            MimeMessage mail = new MimeMessage(Session.getInstance(smtp));
            mail.setFrom(new InternetAddress("notifications@conveyor.localhost"));
            mail.setRecipient(Message.RecipientType.TO, new InternetAddress("ada.lovelace@example.com"));
            mail.setSubject("Your order <ORD-1> has shipped");
            mail.setText("Follow it live: " + LINK, "UTF-8");
            Transport.send(mail);
            HttpResponse<String> text = http.send(HttpRequest.newBuilder(URI.create(
                    properties.get("conveyor.notifications.sms[0].base-url") + "/2010-04-01/Accounts/ACdemo/Messages.json"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("To=%2B15550100&From=%2B15550000000&Body=Booked")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(text.statusCode()).isEqualTo(201);
            HttpResponse<String> hook = http.send(HttpRequest.newBuilder(URI.create(mailroom.webhookUrl("acme")))
                    .header("webhook-id", "msg_1").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"type\": \"order.dispatched\", \"data\": {}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(hook.statusCode()).isEqualTo(204);

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(mailroom.pageUrl())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("E-mail (1)", "SMS (1)", "Webhooks (1)", "ada.lovelace@example.com",
                    "Your order &lt;ORD-1&gt; has shipped", "<a href=\"" + LINK + "\">", "+15550100", "Booked",
                    "order.dispatched", "msg_1").doesNotContain("<ORD-1>");
            assertThat(mailroom.newestTrackingLink()).contains(LINK);

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            mailroom.printDeliveries(new PrintStream(printed, true, StandardCharsets.UTF_8), List.of("acme", "shop"), true);
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("deliveries: e-mail 1, SMS 1, webhooks 1 (acme 1, shop 0)", mailroom.pageUrl(), LINK);
        }
    }
}
