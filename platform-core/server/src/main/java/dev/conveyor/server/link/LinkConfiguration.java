package dev.conveyor.server.link;

import dev.conveyor.engine.notification.UnsubscribeLinks;
import dev.conveyor.engine.secrets.OwnerOnlyFiles;
import dev.conveyor.engine.secrets.SecretCipher;
import dev.conveyor.engine.stream.TrackingLinks;
import dev.conveyor.server.ConveyorProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The signers of the links customers get, keyed from {@code conveyor.links.*} or derived from the secrets key. */
@Configuration(proxyBeanMethods = false)
class LinkConfiguration {

    @Bean
    TrackingLinks trackingLinks(LinkProperties links, ConveyorProperties properties) {
        return new TrackingLinks(key(links.trackingKey(), "conveyor.links.tracking-key", "conveyor tracking links",
                properties), URI.create(links.baseUrl()), Clock.systemUTC());
    }

    @Bean
    UnsubscribeLinks unsubscribeLinks(LinkProperties links, ConveyorProperties properties) {
        return new UnsubscribeLinks(key(links.unsubscribeKey(), "conveyor.links.unsubscribe-key",
                "conveyor unsubscribe links", properties), links.baseUrl());
    }

    /**
     * The configured key, else one derived (HMAC-SHA256 over {@code purpose}) from the newest secrets key: each kind
     * of link gets its own key, and none of them reveals the secrets key.
     */
    private static byte[] key(String configured, String property, String purpose, ConveyorProperties properties) {
        if (configured != null && !configured.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(configured.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + " is not base64: give 32 random bytes as base64"
                        + " (openssl rand -base64 32)", e);
            }
            if (key.length < 32) {
                throw new IllegalArgumentException(property + " has " + key.length + " bytes: give at least 32"
                        + " (openssl rand -base64 32)");
            }
            return key;
        }
        String secretsKey = newestSecretsKey(properties.secrets());
        if (secretsKey == null) {
            throw new IllegalStateException("no key signs the links sent to customers: set " + property
                    + " (openssl rand -base64 32) or the secrets key (CONVEYOR_SECRETS_KEY)");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretsKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static String newestSecretsKey(ConveyorProperties.Secrets secrets) {
        String keys = secrets.key() != null && !secrets.key().isBlank() ? secrets.key()
                : secrets.keyFile() != null && !secrets.keyFile().isBlank()
                        ? OwnerOnlyFiles.readOrCreate(Path.of(secrets.keyFile()).toAbsolutePath(), SecretCipher::generateKey)
                        : null;
        return keys == null ? null : keys.split(",")[0].strip();
    }
}
