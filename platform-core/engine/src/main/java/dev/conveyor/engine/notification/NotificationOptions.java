package dev.conveyor.engine.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.egress.EgressHttpClient;
import dev.conveyor.engine.stream.TrackingLinks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * How this platform delivers notifications: its providers per channel (in order: the first, then the failover),
 * the unsubscribe links' key and address, the retry schedule and how often the dispatcher looks for due deliveries.
 *
 * @param providers    each made with the engine's egress client (which calls to providers go through)
 * @param unsubscribe  the signed links for {@code List-Unsubscribe}; null for none
 * @param tracking     the signed links to the notification's subject page (templates' {@code trackingUrl}); null for
 *                     none
 * @param firstRetry   the wait after the first failed attempt; doubled after each further one, with ±20 % jitter
 * @param maxRetry     the longest wait between attempts
 * @param maxAttempts  attempts before a delivery fails for good
 * @param pollInterval how often the dispatcher looks for due deliveries (a commit that asked for one wakes it at once)
 * @param lease        how long a claimed delivery is kept from other instances while it is sent
 */
public record NotificationOptions(List<Function<EgressHttpClient, ChannelProvider>> providers, UnsubscribeLinks unsubscribe,
        Tracking tracking, Duration firstRetry, Duration maxRetry, int maxAttempts, Duration pollInterval, Duration lease) {

    /** The links notifications carry to their subject's tracking page, and how long each opens. */
    public record Tracking(TrackingLinks links, Duration linkTtl) {
        public Tracking {
            requireNonNull(links, "links is null");
            requireNonNull(linkTtl, "linkTtl is null");
        }
    }

    public NotificationOptions {
        providers = List.copyOf(providers);
        requireNonNull(firstRetry, "firstRetry is null");
        requireNonNull(maxRetry, "maxRetry is null");
        requireNonNull(pollInterval, "pollInterval is null");
        requireNonNull(lease, "lease is null");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** No providers (deliveries fail as not configured), 8 attempts from 30 s up to 1 h apart, polled every second. */
    public static NotificationOptions defaults() {
        return new NotificationOptions(List.of(), null, null, Duration.ofSeconds(30), Duration.ofHours(1), 8, Duration.ofSeconds(1),
                Duration.ofMinutes(2));
    }

    /** With {@code provider} after those already given for its channel (the second of a channel is its failover). */
    public NotificationOptions withProvider(Function<EgressHttpClient, ChannelProvider> provider) {
        List<Function<EgressHttpClient, ChannelProvider>> more = new ArrayList<>(providers);
        more.add(requireNonNull(provider, "provider is null"));
        return new NotificationOptions(more, unsubscribe, tracking, firstRetry, maxRetry, maxAttempts, pollInterval, lease);
    }

    public NotificationOptions withUnsubscribe(UnsubscribeLinks unsubscribe) {
        return new NotificationOptions(providers, unsubscribe, tracking, firstRetry, maxRetry, maxAttempts, pollInterval, lease);
    }

    public NotificationOptions withTracking(Tracking tracking) {
        return new NotificationOptions(providers, unsubscribe, tracking, firstRetry, maxRetry, maxAttempts, pollInterval, lease);
    }

    public NotificationOptions withRetries(Duration firstRetry, Duration maxRetry, int maxAttempts) {
        return new NotificationOptions(providers, unsubscribe, tracking, firstRetry, maxRetry, maxAttempts, pollInterval, lease);
    }

    public NotificationOptions withPollInterval(Duration pollInterval) {
        return new NotificationOptions(providers, unsubscribe, tracking, firstRetry, maxRetry, maxAttempts, pollInterval, lease);
    }
}
