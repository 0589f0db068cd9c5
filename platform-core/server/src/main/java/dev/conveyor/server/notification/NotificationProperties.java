package dev.conveyor.server.notification;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the platform delivers notifications ({@code conveyor.notifications.*}). Each channel lists its providers in
 * order: the second is tried when the first fails (failover). Without providers a channel's deliveries fail as
 * not configured, visibly. The links in messages (tracking pages, unsubscribe) are set under {@code conveyor.links}.
 *
 * @param email         SMTP servers
 * @param sms           SMS providers speaking Twilio's Messages API
 * @param firstRetry    the wait after a failed attempt, doubled after each further one (±20 % jitter)
 * @param maxRetry      the longest wait between attempts
 * @param maxAttempts   attempts before a delivery fails for good
 */
@ConfigurationProperties("conveyor.notifications")
public record NotificationProperties(
        @DefaultValue List<Smtp> email,
        @DefaultValue List<Sms> sms,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("1h") Duration maxRetry,
        @DefaultValue("8") int maxAttempts) {

    /**
     * @param security {@code starttls} (required; the default), {@code tls}, or {@code none} for a local relay
     * @param from     the platform's sending address; tenants' names show as its display name
     */
    public record Smtp(@DefaultValue("smtp") String name, String host, @DefaultValue("587") int port, String username,
            String password, @DefaultValue("starttls") String security, String from) {

        @Override
        public String toString() {
            return "Smtp[" + name + ", " + host + ":" + port + "]";
        }
    }

    /**
     * @param baseUrl    the provider's API, such as {@code https://api.twilio.com}
     * @param accountSid the account id
     * @param authToken  the account's token
     * @param from       the sending number, or a messaging service id ({@code MG...})
     */
    public record Sms(@DefaultValue("sms") String name, @DefaultValue("https://api.twilio.com") String baseUrl,
            String accountSid, String authToken, String from) {

        @Override
        public String toString() {
            return "Sms[" + name + ", " + baseUrl + "]";
        }
    }
}
