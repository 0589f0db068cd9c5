package dev.conveyor.server.link;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The links customers and patients are sent ({@code conveyor.links.*}): tracking and appointment pages, unsubscribe.
 * Both are signed; by default with keys derived from the secrets key, so every instance of a deployment opens the
 * links any of them minted and no second secret needs handing out.
 *
 * @param baseUrl        where customers reach this server, such as {@code https://track.example.com}: every link
 *                       starts with it ({@code CONVEYOR_LINKS_BASE_URL})
 * @param trackingKey    base64 of at least 32 bytes signing tracking links, to keep them valid across a rotation of
 *                       the secrets key; by default derived from the (newest) secrets key
 * @param unsubscribeKey the same for unsubscribe links
 * @param trackingTtl    how long a tracking link opens (in e-mails and SMS, and when the API is asked without a time)
 */
@ConfigurationProperties("conveyor.links")
public record LinkProperties(
        @DefaultValue("http://localhost:8080") String baseUrl,
        String trackingKey,
        String unsubscribeKey,
        @DefaultValue("30d") Duration trackingTtl) {

    @Override
    public String toString() {
        return "LinkProperties[" + baseUrl + ", tracking links open " + trackingTtl + "]";
    }
}
