package dev.conveyor.server.stream;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code conveyor.streams}.
 *
 * @param heartbeat  how often an idle stream sends a comment, so that proxies keep it open
 * @param timeout    how long one stream connection lasts before the client reconnects (with its last id)
 */
@ConfigurationProperties("conveyor.streams")
public record StreamProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration timeout) {
}
