package dev.conveyor.plugin.healthcare.settings;

import dev.conveyor.sdk.Setting;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's healthcare settings. The platform reads them from the tenant's configuration, applies the defaults and
 * checks the annotations; {@link SettingsRules} adds the rules across fields.
 */
public record HealthcareSettings(
        @Setting(help = "The clinics appointments are booked at, each with its opening hours, slot length and capacity.")
        @NotEmpty(message = "must list at least one clinic") @Valid List<@NotNull Clinic> clinics,
        // Secret as a whole, as before: the URLs tell where the tenant's health records live.
        @Setting(help = "The systems each appointment is synced to, each with its name, URL and signing secret.",
                defaultValue = "[]", secret = true)
        @NotNull @Valid List<@NotNull SystemOfRecord> systemsOfRecord,
        @Setting(help = "How long before an appointment the patient is reminded, such as 24h or 90m.", defaultValue = "24h")
        @NotNull Duration reminderLeadTime,
        @Setting(help = "The channels patients are notified through; each is used when the patient gave that contact.",
                defaultValue = "[\"EMAIL\", \"SMS\"]")
        @NotEmpty(message = "must name at least one channel: EMAIL, SMS") List<@NotNull NotificationChannel> notificationChannels) {

    public Optional<Clinic> clinic(String id) {
        return clinics.stream().filter(clinic -> clinic.id().equals(id)).findFirst();
    }

    public Optional<SystemOfRecord> systemOfRecord(String name) {
        return systemsOfRecord.stream().filter(system -> system.name().equals(name)).findFirst();
    }
}
