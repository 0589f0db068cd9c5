package dev.conveyor.server.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code conveyor.streams}.
 *
 * @param linkSecret the secret tracking links are signed with (at least 32 characters; the same on every instance,
 *                   {@code CONVEYOR_STREAMS_LINK_SECRET}). Without it a random one is made at start: links then open
 *                   on this process only, until it restarts
 * @param baseUrl    where customers reach this server: tracking links start with it
 * @param linkTtl    how long a minted link opens when the caller names no time
 * @param heartbeat  how often an idle stream sends a comment, so that proxies keep it open
 * @param timeout    how long one stream connection lasts before the client reconnects (with its last id)
 */
@ConfigurationProperties("conveyor.streams")
public record StreamProperties(
        String linkSecret,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("30d") Duration linkTtl,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration timeout) {
}
