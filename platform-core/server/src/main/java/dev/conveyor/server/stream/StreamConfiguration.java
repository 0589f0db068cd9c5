package dev.conveyor.server.stream;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.stream.TrackingLinks;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tracking links of this server, signed with the configured secret. */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StreamConfiguration.class);

    @Bean
    TrackingLinks trackingLinks(StreamProperties properties, ConveyorEngine engine) {
        byte[] secret;
        if (properties.linkSecret() == null || properties.linkSecret().isBlank()) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            log.warn("conveyor.streams.link-secret is not set: tracking links are signed with a random secret and open "
                    + "on this process only, until it restarts; set the same secret of 32+ characters on every instance");
        } else {
            secret = properties.linkSecret().getBytes(StandardCharsets.UTF_8);
        }
        return new TrackingLinks(secret, URI.create(properties.baseUrl()), engine.clock());
    }
}
