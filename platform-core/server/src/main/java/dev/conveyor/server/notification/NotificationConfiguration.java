package dev.conveyor.server.notification;

import dev.conveyor.engine.egress.EgressPolicy;
import dev.conveyor.engine.notification.NotificationOptions;
import dev.conveyor.engine.notification.SmtpEmailProvider;
import dev.conveyor.engine.notification.TwilioSmsProvider;
import dev.conveyor.engine.notification.UnsubscribeLinks;
import dev.conveyor.engine.secrets.OwnerOnlyFiles;
import dev.conveyor.engine.secrets.SecretCipher;
import dev.conveyor.server.ConveyorProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's notification options from {@code conveyor.notifications.*}. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    NotificationOptions notificationOptions(NotificationProperties notifications, ConveyorProperties properties) {
        EgressPolicy policy = EgressPolicy.allowing(properties.egress().allow());
        NotificationOptions options = NotificationOptions.defaults()
                .withRetries(notifications.firstRetry(), notifications.maxRetry(), notifications.maxAttempts())
                .withUnsubscribe(new UnsubscribeLinks(signingKey(notifications, properties), notifications.publicBaseUrl()));
        for (NotificationProperties.Smtp smtp : notifications.email()) {
            require(smtp.host(), "conveyor.notifications.email[].host", smtp.name());
            require(smtp.from(), "conveyor.notifications.email[].from", smtp.name());
            SmtpEmailProvider.Settings settings = new SmtpEmailProvider.Settings(smtp.host(), smtp.port(), smtp.username(),
                    smtp.password(), smtp.security(), smtp.from());
            options = options.withProvider(egress -> new SmtpEmailProvider(smtp.name(), settings, policy));
        }
        for (NotificationProperties.Sms sms : notifications.sms()) {
            require(sms.accountSid(), "conveyor.notifications.sms[].account-sid", sms.name());
            require(sms.authToken(), "conveyor.notifications.sms[].auth-token", sms.name());
            require(sms.from(), "conveyor.notifications.sms[].from", sms.name());
            options = options.withProvider(egress -> new TwilioSmsProvider(sms.name(), sms.baseUrl(), sms.accountSid(),
                    sms.authToken(), sms.from(), egress));
        }
        return options;
    }

    private static void require(String value, String property, String provider) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " of notification provider '" + provider + "' is not set");
        }
    }

    /** The configured key, else one derived from the secrets key (so a deployment needs no second secret). */
    private static byte[] signingKey(NotificationProperties notifications, ConveyorProperties properties) {
        if (notifications.signingKey() != null && !notifications.signingKey().isBlank()) {
            return Base64.getDecoder().decode(notifications.signingKey());
        }
        ConveyorProperties.Secrets secrets = properties.secrets();
        String secretsKey = secrets.key() != null && !secrets.key().isBlank() ? secrets.key()
                : secrets.keyFile() != null && !secrets.keyFile().isBlank()
                        ? OwnerOnlyFiles.readOrCreate(Path.of(secrets.keyFile()).toAbsolutePath(), SecretCipher::generateKey)
                        : null;
        if (secretsKey == null) {
            throw new IllegalStateException("no key signs the unsubscribe links: set conveyor.notifications.signing-key"
                    + " (openssl rand -base64 32) or the secrets key (CONVEYOR_SECRETS_KEY)");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretsKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal("conveyor unsubscribe links".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
