package dev.conveyor.plugin.healthcare.settings;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.ConfigProperty;
import dev.conveyor.sdk.TenantConfig;
import dev.conveyor.sdk.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's healthcare settings, parsed from its {@link TenantConfig}. {@link #validate} reports every problem;
 * {@link #of} is for handlers, whose tenant configuration the platform validated on every update.
 */
public record HealthcareSettings(
        List<Clinic> clinics,
        List<SystemOfRecord> systemsOfRecord,
        Duration reminderLeadTime,
        List<NotificationChannel> notificationChannels) {

    public static final String CLINICS = "clinics";
    public static final String SYSTEMS_OF_RECORD = "systemsOfRecord";
    public static final String REMINDER_LEAD_TIME = "reminderLeadTime";
    public static final String NOTIFICATION_CHANNELS = "notificationChannels";

    /** The settings a tenant of the healthcare plugin configures. */
    public static final List<ConfigProperty> PROPERTIES = List.of(
            ConfigProperty.required(CLINICS, ConfigProperty.Type.JSON, "the clinics as a JSON array, each "
                    + "{\"id\": \"downtown\", \"name\": \"Downtown Clinic\", \"address\": \"1 Main St, Springfield\", "
                    + "\"timeZone\": \"America/New_York\", \"opens\": \"08:00\", \"closes\": \"17:00\", "
                    + "\"days\": [\"MON\", \"TUE\", \"WED\", \"THU\", \"FRI\"], \"slotMinutes\": 30, \"capacity\": 2}"),
            // Secret as a whole: the API cannot mask only the "secret" fields inside the JSON.
            new ConfigProperty(SYSTEMS_OF_RECORD, ConfigProperty.Type.JSON, "[]", false, true, "the systems appointments are "
                    + "synced to as a JSON array, each {\"name\": \"ehr\", \"url\": \"https://ehr.example.com/hooks/appointments\", "
                    + "\"secret\": \"...\"}; requests carry X-Conveyor-Signature: sha256=<HMAC-SHA256 of the body with the secret>"),
            ConfigProperty.optional(REMINDER_LEAD_TIME, ConfigProperty.Type.DURATION, "24h",
                    "how long before an appointment the patient is reminded, such as 24h or 90m"),
            ConfigProperty.optional(NOTIFICATION_CHANNELS, ConfigProperty.Type.STRING_LIST, "EMAIL,SMS",
                    "the channels patients are notified through, of EMAIL and SMS; each is used when the patient gave "
                            + "that contact"));

    public HealthcareSettings {
        clinics = List.copyOf(requireNonNull(clinics, "clinics is null"));
        systemsOfRecord = List.copyOf(requireNonNull(systemsOfRecord, "systemsOfRecord is null"));
        requireNonNull(reminderLeadTime, "reminderLeadTime is null");
        notificationChannels = List.copyOf(requireNonNull(notificationChannels, "notificationChannels is null"));
    }

    /**
     * Every problem of the tenant's settings, with paths such as {@code config.clinics[1].closes}; empty when valid.
     * A missing {@code clinics} is left to the platform, which reports required settings itself.
     */
    public static List<Violation> validate(TenantConfig config) {
        List<Violation> violations = parse(config).violations();
        return config.value(CLINICS).isPresent() ? violations
                : violations.stream().filter(violation -> !violation.field().equals("config." + CLINICS)).toList();
    }

    /**
     * The settings of a tenant whose configuration was validated.
     *
     * @throws IllegalStateException naming every problem, when it is invalid all the same
     */
    public static HealthcareSettings of(TenantConfig config) {
        Parsed parsed = parse(config);
        if (!parsed.violations().isEmpty()) {
            throw new IllegalStateException("the healthcare settings of the tenant are invalid; fix them through the tenant "
                    + "configuration API: " + String.join("; ", parsed.violations().stream().map(Violation::toString).toList()));
        }
        return parsed.settings();
    }

    static Parsed parse(TenantConfig config) {
        requireNonNull(config, "config is null");
        SettingsParser parser = new SettingsParser();
        // A missing required value is the platform's to report; here it only means there is nothing to parse.
        List<Clinic> clinics = config.value(CLINICS).map(json -> parser.clinics("config." + CLINICS, json)).orElse(List.of());
        List<SystemOfRecord> systems = config.value(SYSTEMS_OF_RECORD)
                .map(json -> parser.systemsOfRecord("config." + SYSTEMS_OF_RECORD, json)).orElse(List.of());
        Duration leadTime = config.value(REMINDER_LEAD_TIME)
                .map(text -> parser.reminderLeadTime("config." + REMINDER_LEAD_TIME, text)).orElse(null);
        List<NotificationChannel> channels = parser.channels("config." + NOTIFICATION_CHANNELS, config.list(NOTIFICATION_CHANNELS));
        List<Violation> violations = parser.violations();
        if (!violations.isEmpty()) {
            return new Parsed(null, violations);
        }
        if (clinics.isEmpty()) {
            return new Parsed(null, List.of(new Violation("config." + CLINICS, "is required: " + PROPERTIES.get(0).help())));
        }
        return new Parsed(new HealthcareSettings(clinics, systems, leadTime, channels), List.of());
    }

    public Optional<Clinic> clinic(String id) {
        return clinics.stream().filter(clinic -> clinic.id().equals(id)).findFirst();
    }

    public Optional<SystemOfRecord> systemOfRecord(String name) {
        return systemsOfRecord.stream().filter(system -> system.name().equals(name)).findFirst();
    }

    record Parsed(HealthcareSettings settings, List<Violation> violations) {
    }
}
