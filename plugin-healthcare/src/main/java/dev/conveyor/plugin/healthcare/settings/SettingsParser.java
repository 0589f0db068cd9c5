package dev.conveyor.plugin.healthcare.settings;

import dev.conveyor.sdk.TenantConfig;
import dev.conveyor.sdk.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the healthcare settings from their text, collecting every problem with its path (such as
 * {@code config.clinics[1].closes}) instead of stopping at the first. Pure: no I/O, no clock. Messages never
 * repeat a secret.
 */
final class SettingsParser {

    static final Pattern CLINIC_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final Pattern SYSTEM_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    static final int MAX_SLOT_MINUTES = 480;
    static final int MAX_CAPACITY = 1000;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> CLINIC_FIELDS =
            List.of("id", "name", "address", "timeZone", "opens", "closes", "days", "slotMinutes", "capacity");
    private static final List<String> SYSTEM_FIELDS = List.of("name", "url", "secret");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1");

    private final List<Violation> violations = new ArrayList<>();

    List<Violation> violations() {
        return List.copyOf(violations);
    }

    List<Clinic> clinics(String path, String json) {
        JsonNode root = parse(path, json, "a JSON array of clinics");
        if (root == null) {
            return List.of();
        }
        if (!root.isArray()) {
            violations.add(new Violation(path, "must be a JSON array of clinics such as [{\"id\": \"downtown\", \"name\": "
                    + "\"Downtown Clinic\", ...}]"));
            return List.of();
        }
        if (root.isEmpty()) {
            violations.add(new Violation(path, "must list at least one clinic"));
            return List.of();
        }
        List<Clinic> clinics = new ArrayList<>();
        Map<String, Integer> indexById = new HashMap<>();
        for (int index = 0; index < root.size(); index++) {
            String clinicPath = path + "[" + index + "]";
            JsonNode node = root.get(index);
            if (!node.isObject()) {
                violations.add(new Violation(clinicPath, "must be an object with " + String.join(", ", CLINIC_FIELDS)));
                continue;
            }
            int before = violations.size();
            unknownFields(clinicPath, node, CLINIC_FIELDS, "clinic");
            String id = string(clinicPath, node, "id", "a unique id such as downtown");
            if (id != null && !CLINIC_ID.matcher(id).matches()) {
                violations.add(new Violation(clinicPath + ".id", "must be 1 to 64 letters, digits, '.', '_' or '-'"));
                id = null;
            }
            if (id != null) {
                Integer first = indexById.putIfAbsent(id, index);
                if (first != null) {
                    violations.add(new Violation(clinicPath + ".id", "'" + id + "' is also the id of " + path + "[" + first
                            + "]; clinic ids must be unique"));
                }
            }
            String name = string(clinicPath, node, "name", "the name patients read, such as Downtown Clinic");
            String address = string(clinicPath, node, "address", "the address patients go to");
            ZoneId timeZone = timeZone(clinicPath + ".timeZone", node.get("timeZone"));
            LocalTime opens = time(clinicPath + ".opens", node.get("opens"));
            LocalTime closes = time(clinicPath + ".closes", node.get("closes"));
            if (opens != null && closes != null && !closes.isAfter(opens)) {
                violations.add(new Violation(clinicPath + ".closes", "is " + closes + ", not after opens " + opens
                        + "; opening hours are one stretch within a day"));
                closes = null;
            }
            Set<DayOfWeek> days = days(clinicPath + ".days", node.get("days"));
            Integer slotMinutes = integer(clinicPath + ".slotMinutes", node.get("slotMinutes"), 1, MAX_SLOT_MINUTES,
                    "the length of one appointment in minutes");
            if (slotMinutes != null && opens != null && closes != null
                    && slotMinutes > Duration.between(opens, closes).toMinutes()) {
                violations.add(new Violation(clinicPath + ".slotMinutes", "is " + slotMinutes + ", longer than the opening hours "
                        + opens + "-" + closes + ", so no appointment would fit"));
            }
            Integer capacity = integer(clinicPath + ".capacity", node.get("capacity"), 1, MAX_CAPACITY,
                    "how many patients one slot takes");
            if (violations.size() == before) {
                clinics.add(new Clinic(id, name, address, timeZone, opens, closes, days, slotMinutes, capacity));
            }
        }
        return List.copyOf(clinics);
    }

    List<SystemOfRecord> systemsOfRecord(String path, String json) {
        JsonNode root = parse(path, json, "a JSON array of systems of record");
        if (root == null) {
            return List.of();
        }
        if (!root.isArray()) {
            violations.add(new Violation(path, "must be a JSON array such as [{\"name\": \"ehr\", \"url\": "
                    + "\"https://ehr.example.com/hooks/appointments\", \"secret\": \"...\"}], or [] for none"));
            return List.of();
        }
        List<SystemOfRecord> systems = new ArrayList<>();
        Map<String, Integer> indexByName = new HashMap<>();
        for (int index = 0; index < root.size(); index++) {
            String systemPath = path + "[" + index + "]";
            JsonNode node = root.get(index);
            if (!node.isObject()) {
                violations.add(new Violation(systemPath, "must be an object with " + String.join(", ", SYSTEM_FIELDS)));
                continue;
            }
            int before = violations.size();
            unknownFields(systemPath, node, SYSTEM_FIELDS, "system of record");
            String name = string(systemPath, node, "name", "a unique name such as ehr");
            if (name != null && !SYSTEM_NAME.matcher(name).matches()) {
                violations.add(new Violation(systemPath + ".name", "must be a lower-case slug such as ehr or billing-v2"));
                name = null;
            }
            if (name != null) {
                Integer first = indexByName.putIfAbsent(name, index);
                if (first != null) {
                    violations.add(new Violation(systemPath + ".name", "'" + name + "' is also the name of " + path + "["
                            + first + "]; names must be unique"));
                }
            }
            URI url = url(systemPath + ".url", node.get("url"));
            JsonNode secretNode = node.get("secret");
            String secret = null;
            if (secretNode == null || secretNode.isNull() || (secretNode.isString() && secretNode.stringValue().isBlank())) {
                violations.add(new Violation(systemPath + ".secret", "is required: the shared secret requests to this system "
                        + "are signed with (X-Conveyor-Signature)"));
            } else if (!secretNode.isString()) {
                violations.add(new Violation(systemPath + ".secret", "must be a string"));
            } else {
                secret = secretNode.stringValue();
            }
            if (violations.size() == before) {
                systems.add(new SystemOfRecord(name, url, secret));
            }
        }
        return List.copyOf(systems);
    }

    Duration reminderLeadTime(String path, String text) {
        Duration duration = TenantConfig.parseDuration(text).orElse(null);
        if (duration == null) {
            violations.add(new Violation(path, "must be a duration such as 24h, 90m or PT24H"));
            return null;
        }
        if (duration.isNegative() || duration.isZero()) {
            violations.add(new Violation(path, "must be more than zero, such as 24h"));
            return null;
        }
        return duration;
    }

    List<NotificationChannel> channels(String path, List<String> names) {
        Set<NotificationChannel> channels = new LinkedHashSet<>();
        for (String name : names) {
            try {
                channels.add(NotificationChannel.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(path, "'" + abbreviate(name) + "' is not a channel (channels: "
                        + String.join(", ", List.of(NotificationChannel.values()).stream().map(Enum::name).toList()) + ")"));
            }
        }
        if (names.isEmpty()) {
            violations.add(new Violation(path, "must name at least one channel: EMAIL, SMS"));
        }
        return List.copyOf(channels);
    }

    private JsonNode parse(String path, String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            // Only the location: the parser's message may quote the text, and the text may hold a secret.
            var location = e.getLocation();
            violations.add(new Violation(path, "is not valid JSON" + (location == null ? "" : " (line " + location.getLineNr()
                    + ", column " + location.getColumnNr() + ")") + "; give " + what));
            return null;
        }
    }

    private void unknownFields(String path, JsonNode node, List<String> known, String what) {
        for (String field : node.propertyNames()) {
            if (!known.contains(field)) {
                violations.add(new Violation(path + "." + abbreviate(field), "is not a setting of a " + what + " (settings: "
                        + String.join(", ", known) + ")"));
            }
        }
    }

    private String string(String path, JsonNode object, String field, String hint) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull() || (node.isString() && node.stringValue().isBlank())) {
            violations.add(new Violation(path + "." + field, "is required: " + hint));
            return null;
        }
        if (!node.isString()) {
            violations.add(new Violation(path + "." + field, "must be a string: " + hint));
            return null;
        }
        return node.stringValue().strip();
    }

    private ZoneId timeZone(String path, JsonNode node) {
        if (node == null || node.isNull() || !node.isString() || node.stringValue().isBlank()) {
            violations.add(new Violation(path, "is required: an IANA time zone such as America/New_York"));
            return null;
        }
        String text = node.stringValue().strip();
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            violations.add(new Violation(path, "'" + abbreviate(text) + "' is not a time zone; give an IANA name such as "
                    + "America/New_York"));
            return null;
        }
    }

    private LocalTime time(String path, JsonNode node) {
        if (node == null || node.isNull() || !node.isString() || node.stringValue().isBlank()) {
            violations.add(new Violation(path, "is required: a time of day such as 08:00"));
            return null;
        }
        String text = node.stringValue().strip();
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(new Violation(path, "'" + abbreviate(text) + "' is not a time of day such as 08:00 or 17:30"));
            return null;
        }
    }

    private Set<DayOfWeek> days(String path, JsonNode node) {
        if (node == null || node.isNull() || !node.isArray() || node.isEmpty()) {
            violations.add(new Violation(path, "is required: the days the clinic is open, such as [\"MON\", \"TUE\"]"));
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        boolean valid = true;
        for (int index = 0; index < node.size(); index++) {
            JsonNode day = node.get(index);
            DayOfWeek parsed = day.isString() ? day(day.stringValue()) : null;
            if (parsed == null) {
                violations.add(new Violation(path + "[" + index + "]", (day.isString() ? "'" + abbreviate(day.stringValue()) + "'"
                        : "'" + abbreviate(day.toString()) + "'") + " is not a day; use MON, TUE, WED, THU, FRI, SAT or SUN"));
                valid = false;
            } else {
                days.add(parsed);
            }
        }
        return valid ? days : null;
    }

    private static DayOfWeek day(String text) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(upper) || day.name().substring(0, 3).equals(upper)) {
                return day;
            }
        }
        return null;
    }

    private Integer integer(String path, JsonNode node, int min, int max, String hint) {
        if (node == null || node.isNull()) {
            violations.add(new Violation(path, "is required: " + hint + ", " + min + " to " + max));
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            violations.add(new Violation(path, "must be a whole number from " + min + " to " + max + ": " + hint));
            return null;
        }
        int value = node.intValue();
        if (value < min || value > max) {
            violations.add(new Violation(path, "must be " + (value < min ? "at least " + min : "at most " + max) + " (" + hint
                    + "), was " + value));
            return null;
        }
        return value;
    }

    private URI url(String path, JsonNode node) {
        if (node == null || node.isNull() || !node.isString() || node.stringValue().isBlank()) {
            violations.add(new Violation(path, "is required: the https URL appointments are posted to"));
            return null;
        }
        URI url;
        try {
            url = new URI(node.stringValue().strip());
        } catch (URISyntaxException e) {
            violations.add(new Violation(path, "is not a URL; give one such as https://ehr.example.com/hooks/appointments"));
            return null;
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
            violations.add(new Violation(path, "must be an absolute https URL such as https://ehr.example.com/hooks/appointments"));
            return null;
        }
        if (url.getRawUserInfo() != null) {
            violations.add(new Violation(path, "must not carry credentials; requests are signed with the secret instead"));
            return null;
        }
        if (scheme.equals("http") && !LOOPBACK_HOSTS.contains(host)) {
            // Appointments are health information: they travel encrypted, except to a test receiver on this machine.
            violations.add(new Violation(path, "must use https; plain http is allowed only for localhost and 127.0.0.1 "
                    + "(tests), not for " + host));
            return null;
        }
        return url;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
