package dev.conveyor.server.notification;

import dev.conveyor.engine.egress.EgressPolicy;
import dev.conveyor.engine.notification.NotificationOptions;
import dev.conveyor.engine.notification.SmtpEmailProvider;
import dev.conveyor.engine.notification.TwilioSmsProvider;
import dev.conveyor.engine.notification.UnsubscribeLinks;
import dev.conveyor.engine.stream.TrackingLinks;
import dev.conveyor.server.ConveyorProperties;
import dev.conveyor.server.link.LinkProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's notification options from {@code conveyor.notifications.*}. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    NotificationOptions notificationOptions(NotificationProperties notifications, ConveyorProperties properties,
            UnsubscribeLinks unsubscribeLinks, TrackingLinks trackingLinks, LinkProperties links) {
        EgressPolicy policy = EgressPolicy.allowing(properties.egress().allow());
        NotificationOptions options = NotificationOptions.defaults()
                .withRetries(notifications.firstRetry(), notifications.maxRetry(), notifications.maxAttempts())
                .withUnsubscribe(unsubscribeLinks)
                .withTracking(new NotificationOptions.Tracking(trackingLinks, links.trackingTtl()));
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
}
