package dev.conveyor.engine.notification;

import dev.conveyor.sdk.Violation;
import java.net.URI;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's notification settings: which channels it uses (for every kind, or per kind), its recipients' quiet
 * hours, and its branding. Times and zones are strings as an admin writes them ({@code "21:00"},
 * {@code "Europe/Berlin"}), checked by {@link #violations()}.
 *
 * @param channels        the channels used for every kind without an entry in {@code channelsByKind}; when left
 *                        out, e-mail and SMS
 * @param channelsByKind  per kind, the channels used instead (an empty list: the kind is not sent)
 * @param quietHours      when non-critical notifications wait, in the recipient's zone; null for none
 * @param defaultTimeZone the zone of recipients who gave none
 * @param branding        what the templates show of the tenant
 */
public record NotificationSettings(List<Channel> channels, Map<String, List<Channel>> channelsByKind, QuietHours quietHours,
        String defaultTimeZone, Branding branding) {

    public NotificationSettings {
        channels = channels == null ? List.of(Channel.EMAIL, Channel.SMS) : List.copyOf(channels);
        channelsByKind = channelsByKind == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(channelsByKind));
        defaultTimeZone = defaultTimeZone == null || defaultTimeZone.isBlank() ? "UTC" : defaultTimeZone;
        branding = branding == null ? Branding.NONE : branding;
    }

    /** E-mail and SMS for every kind, no quiet hours, UTC, no branding. */
    public static NotificationSettings defaults() {
        return new NotificationSettings(List.of(Channel.EMAIL, Channel.SMS), Map.of(), null, "UTC", Branding.NONE);
    }

    /**
     * From {@code start} to {@code end} (local times; {@code end} before {@code start} spans midnight).
     */
    public record QuietHours(String start, String end) {

        /** Whether {@code time} falls within them. */
        public boolean contains(LocalTime time) {
            LocalTime from = LocalTime.parse(start);
            LocalTime to = LocalTime.parse(end);
            return from.isBefore(to) ? !time.isBefore(from) && time.isBefore(to) : !time.isBefore(from) || time.isBefore(to);
        }

        public LocalTime endTime() {
            return LocalTime.parse(end);
        }
    }

    /**
     * @param name          the tenant's name as customers know it
     * @param logoUrl       an https URL of its logo, or null
     * @param primaryColour {@code #rrggbb}, or null
     * @param accentColour  {@code #rrggbb}, or null
     * @param senderName    the From name of its e-mails, or null for {@code name}
     * @param replyTo       where replies to its e-mails go, or null
     */
    public record Branding(String name, String logoUrl, String primaryColour, String accentColour, String senderName,
            String replyTo) {

        public static final Branding NONE = new Branding(null, null, null, null, null, null);
    }

    /** The channels for {@code kind}. */
    public List<Channel> channelsFor(String kind) {
        return channelsByKind.getOrDefault(kind, channels);
    }

    public ZoneId zone() {
        return ZoneId.of(defaultTimeZone);
    }

    /** Every broken rule, as JSON paths. */
    public List<Violation> violations() {
        List<Violation> problems = new ArrayList<>();
        channelsByKind.forEach((kind, kindChannels) -> {
            if (!kind.matches("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+")) {
                problems.add(new Violation("channelsByKind." + kind, "is not a kind: use dotted lower-case words such as"
                        + " 'order.shipped'"));
            }
            if (kindChannels == null) {
                problems.add(new Violation("channelsByKind." + kind, "is required: a list of channels, empty for none"));
            }
        });
        if (quietHours != null) {
            time(problems, "quietHours.start", quietHours.start());
            time(problems, "quietHours.end", quietHours.end());
            if (quietHours.start() != null && quietHours.start().equals(quietHours.end())) {
                problems.add(new Violation("quietHours", "start and end are equal; leave quietHours out for none"));
            }
        }
        try {
            ZoneId.of(defaultTimeZone);
        } catch (RuntimeException e) {
            problems.add(new Violation("defaultTimeZone", "'" + defaultTimeZone + "' is not a time zone such as"
                    + " 'Europe/Berlin' or 'UTC'"));
        }
        if (branding.name() != null && branding.name().length() > 200) {
            problems.add(new Violation("branding.name", "is too long: at most 200 characters"));
        }
        if (branding.senderName() != null && branding.senderName().length() > 200) {
            problems.add(new Violation("branding.senderName", "is too long: at most 200 characters"));
        }
        colour(problems, "branding.primaryColour", branding.primaryColour());
        colour(problems, "branding.accentColour", branding.accentColour());
        if (branding.logoUrl() != null && !isHttps(branding.logoUrl())) {
            problems.add(new Violation("branding.logoUrl", "must be an https URL such as https://example.com/logo.png"));
        }
        if (branding.replyTo() != null && !branding.replyTo().matches("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+")) {
            problems.add(new Violation("branding.replyTo", "is not an e-mail address such as support@example.com"));
        }
        return problems;
    }

    private static void time(List<Violation> problems, String field, String value) {
        try {
            LocalTime.parse(value == null ? "" : value);
        } catch (DateTimeParseException e) {
            problems.add(new Violation(field, "must be a time of day such as '21:00'"));
        }
    }

    private static void colour(List<Violation> problems, String field, String value) {
        if (value != null && !value.matches("#[0-9a-fA-F]{6}")) {
            problems.add(new Violation(field, "must be a colour written #rrggbb, such as #0a7cff"));
        }
    }

    private static boolean isHttps(String url) {
        try {
            URI uri = URI.create(url);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
