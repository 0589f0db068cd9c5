package dev.conveyor.deploy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.conveyor.services.SmsSink;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's stand-ins for the outside world's providers, all on loopback: an SMTP server (GreenMail), an SMS
 * provider speaking Twilio's Messages API, and a receiver for the tenants' webhooks; and a page listing everything
 * they were sent, like a local mail catcher. The server reaches them through its egress policy like any provider.
 */
final class DemoMailroom implements AutoCloseable {

    private static final int SHOWN = 100;
    private static final Pattern TRACKING_LINK = Pattern.compile("https?://\\S+/track/[A-Za-z0-9_\\-]+\\.[A-Za-z0-9_\\-]+");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** One webhook the receiver took: which tenant's endpoint, the event type, when. */
    record Webhook(String tenant, String eventType, String webhookId, Instant receivedAt) {
    }

    private final GreenMail smtp;
    private final SmsSink sms;
    private final HttpServer web;
    private final List<Webhook> webhooks = new CopyOnWriteArrayList<>();

    private DemoMailroom(GreenMail smtp, SmsSink sms, HttpServer web) {
        this.smtp = smtp;
        this.sms = sms;
        this.web = web;
    }

    static DemoMailroom start() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        SmsSink sms = new SmsSink();
        HttpServer web;
        try {
            web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            smtp.stop();
            sms.close();
            throw new UncheckedIOException(e);
        }
        DemoMailroom mailroom = new DemoMailroom(smtp, sms, web);
        web.createContext("/hooks/", mailroom::receiveWebhook);
        web.createContext("/", mailroom::page);
        web.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        web.start();
        return mailroom;
    }

    /** The server's settings that send its notifications here and let its egress reach these stand-ins. */
    Map<String, Object> serverProperties() {
        int smtpPort = smtp.getSmtp().getPort();
        return Map.ofEntries(
                Map.entry("conveyor.notifications.email[0].name", "demo-smtp"),
                Map.entry("conveyor.notifications.email[0].host", "127.0.0.1"),
                Map.entry("conveyor.notifications.email[0].port", smtpPort),
                Map.entry("conveyor.notifications.email[0].security", "none"),
                Map.entry("conveyor.notifications.email[0].from", "notifications@conveyor.localhost"),
                Map.entry("conveyor.notifications.sms[0].name", "demo-sms"),
                Map.entry("conveyor.notifications.sms[0].base-url", sms.baseUrl()),
                Map.entry("conveyor.notifications.sms[0].account-sid", "ACdemo"),
                Map.entry("conveyor.notifications.sms[0].auth-token", "demo-token"),
                Map.entry("conveyor.notifications.sms[0].from", "+15550000000"),
                Map.entry("conveyor.egress.allow", "127.0.0.1:" + smtpPort + ",127.0.0.1:" + sms.port() + ",127.0.0.1:"
                        + port()));
    }

    int port() {
        return web.getAddress().getPort();
    }

    String pageUrl() {
        return "http://127.0.0.1:" + port() + "/";
    }

    /** Where {@code tenant}'s webhook endpoint points. */
    String webhookUrl(String tenant) {
        return "http://127.0.0.1:" + port() + "/hooks/" + tenant;
    }

    int emails() {
        return smtp.getReceivedMessages().length;
    }

    int texts() {
        return sms.requests().size();
    }

    List<Webhook> webhooks() {
        return List.copyOf(webhooks);
    }

    /** A tracking link from the newest message that carries one, to open in a browser. */
    Optional<String> newestTrackingLink() {
        List<String> bodies = new ArrayList<>();
        sms.requests().forEach(request -> bodies.add(request.form().getOrDefault("Body", "")));
        for (MimeMessage message : smtp.getReceivedMessages()) {
            bodies.add(text(message));
        }
        for (int i = bodies.size() - 1; i >= 0; i--) {
            Matcher link = TRACKING_LINK.matcher(bodies.get(i));
            if (link.find()) {
                return Optional.of(link.group());
            }
        }
        return Optional.empty();
    }

    /**
     * Prints what was delivered per channel, once the deliveries the pipelines asked for have come in (they leave
     * after their transaction commits: give them a few seconds to settle), with one tracking link to open.
     */
    void printDeliveries(PrintStream out, List<String> tenants, boolean staysUp) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int seen = -1;
        int total = emails() + texts() + webhooks.size();
        while (total != seen && System.nanoTime() < deadline) {
            seen = total;
            LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
            total = emails() + texts() + webhooks.size();
        }
        List<Webhook> hooks = webhooks();
        String perTenant = String.join(", ", tenants.stream().map(tenant -> tenant + " "
                + hooks.stream().filter(hook -> hook.tenant().equals(tenant)).count()).toList());
        out.printf("  deliveries: e-mail %d, SMS %d, webhooks %d (%s)%n", emails(), texts(), hooks.size(), perTenant);
        if (staysUp) {
            out.println("  messages sent:  " + pageUrl() + "  (a local mail catcher: nothing left this machine)");
            newestTrackingLink().ifPresent(link -> out.println("  open a tracking link from the newest message: " + link));
        } else {
            out.println("  (run without --exit to browse them on a local mail-catcher page and open their tracking links)");
        }
    }

    private void receiveWebhook(HttpExchange exchange) throws IOException {
        try (exchange) {
            String tenant = exchange.getRequestURI().getPath().substring("/hooks/".length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String type;
            try {
                type = DemoScenario.JSON.readTree(body).path("type").asString("?");
            } catch (RuntimeException e) {
                type = "(not JSON)";
            }
            webhooks.add(new Webhook(tenant, type, exchange.getRequestHeaders().getFirst("webhook-id"), Instant.now()));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"/".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] html = html().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().add("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
        }
    }

    private String html() {
        StringBuilder page = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Conveyor demo: messages sent</title>
                <meta http-equiv="refresh" content="5">
                <style>body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1a1a1a}table{border-collapse:collapse;
                width:100%;margin-bottom:2rem}th,td{border-bottom:1px solid #ccc;padding:.3rem .5rem;text-align:left;
                vertical-align:top}pre{white-space:pre-wrap;margin:0;font-size:.85rem}a{color:#0b5394}</style></head>
                <body><h1>Messages the demo's pipelines sent</h1>
                <p>Newest first; the page refreshes every 5 seconds. Nothing here left this machine.</p>""");
        MimeMessage[] mails = smtp.getReceivedMessages();
        page.append("<h2>E-mail (").append(mails.length).append(")</h2><table><tr><th scope=\"col\">To</th>")
                .append("<th scope=\"col\">Subject</th><th scope=\"col\">Text</th></tr>");
        for (int i = mails.length - 1; i >= Math.max(0, mails.length - SHOWN); i--) {
            MimeMessage mail = mails[i];
            page.append("<tr><td>").append(escape(recipients(mail))).append("</td><td>").append(escape(subject(mail)))
                    .append("</td><td><pre>").append(linked(escape(text(mail)))).append("</pre></td></tr>");
        }
        List<SmsSink.Request> texts = sms.requests();
        page.append("</table><h2>SMS (").append(texts.size()).append(")</h2><table><tr><th scope=\"col\">To</th>")
                .append("<th scope=\"col\">From</th><th scope=\"col\">Text</th></tr>");
        for (int i = texts.size() - 1; i >= Math.max(0, texts.size() - SHOWN); i--) {
            Map<String, String> form = texts.get(i).form();
            page.append("<tr><td>").append(escape(form.getOrDefault("To", ""))).append("</td><td>")
                    .append(escape(form.getOrDefault("From", ""))).append("</td><td><pre>")
                    .append(linked(escape(form.getOrDefault("Body", "")))).append("</pre></td></tr>");
        }
        List<Webhook> hooks = new ArrayList<>(webhooks);
        hooks.sort(Comparator.comparing(Webhook::receivedAt).reversed());
        page.append("</table><h2>Webhooks (").append(hooks.size()).append(")</h2><table><tr><th scope=\"col\">Time</th>")
                .append("<th scope=\"col\">Tenant</th><th scope=\"col\">Event type</th><th scope=\"col\">webhook-id</th></tr>");
        hooks.stream().limit(SHOWN).forEach(hook -> page.append("<tr><td>").append(TIME.format(hook.receivedAt()))
                .append("</td><td>").append(escape(hook.tenant())).append("</td><td>").append(escape(hook.eventType()))
                .append("</td><td>").append(escape(String.valueOf(hook.webhookId()))).append("</td></tr>"));
        return page.append("</table></body></html>").toString();
    }

    private static String recipients(MimeMessage mail) {
        try {
            return mail.getAllRecipients() == null ? "" : String.join(", ",
                    java.util.Arrays.stream(mail.getAllRecipients()).map(Object::toString).toList());
        } catch (MessagingException e) {
            return "?";
        }
    }

    private static String subject(MimeMessage mail) {
        try {
            return String.valueOf(mail.getSubject());
        } catch (MessagingException e) {
            return "?";
        }
    }

    /** The plain-text part of a mail (the pipelines send text and HTML alternatives). */
    static String text(MimeMessage mail) {
        try {
            Object content = mail.getContent();
            if (content instanceof String text) {
                return text;
            }
            if (content instanceof Multipart parts) {
                for (int i = 0; i < parts.getCount(); i++) {
                    BodyPart part = parts.getBodyPart(i);
                    if (part.isMimeType("text/plain")) {
                        return String.valueOf(part.getContent());
                    }
                }
            }
            return "";
        } catch (IOException | MessagingException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Tracking links clickable (the text is escaped already; a link holds no characters escaping changes). */
    private static String linked(String escaped) {
        return TRACKING_LINK.matcher(escaped).replaceAll(link -> "<a href=\"" + link.group() + "\">" + link.group() + "</a>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        web.stop(0);
        sms.close();
        smtp.stop();
    }
}
