package dev.conveyor.plugin.healthcare.settings;

import dev.conveyor.sdk.Setting;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;

/**
 * A system appointments are synced to (an EHR, a billing system): its webhook URL and the secret requests are signed
 * with. What the URL may be is checked by {@link SettingsRules}.
 */
public record SystemOfRecord(
        @Setting(help = "A unique name, shown with the sync status of each appointment, such as ehr.")
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,62}", message = "must be a lower-case slug such as ehr or billing-v2")
        String name,
        @Setting(help = "The https URL appointments are posted to, such as https://ehr.example.com/hooks/appointments.")
        @NotNull URI url,
        @Setting(help = "The shared secret requests are signed with: X-Conveyor-Signature is sha256=<HMAC-SHA256 of the "
                + "body with the secret>.")
        @NotBlank(message = "is required: the shared secret requests to this system are signed with (X-Conveyor-Signature)")
        String secret) {

    /** Without the secret, so that logging the record cannot leak it. */
    @Override
    public String toString() {
        return "SystemOfRecord[name=" + name + ", url=" + url + ", secret=********]";
    }
}
