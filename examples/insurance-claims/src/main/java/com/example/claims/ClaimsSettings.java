package com.example.claims;

import dev.conveyor.sdk.Setting;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.util.List;

/** What an insurer configures. */
public record ClaimsSettings(
        @Setting(help = "Claims up to this amount (and not for injury) are paid at once, e.g. 1000", defaultValue = "1000")
        @NotNull @PositiveOrZero BigDecimal fastTrackLimit,
        @Setting(help = "The adjusters, each with the highest severity they handle, e.g. [{\"name\": \"Kim\", \"upTo\": \"HIGH\"}]")
        @NotEmpty List<@Valid Adjuster> adjusters) {

    public record Adjuster(@NotBlank String name, @NotNull Severity upTo) {
    }
}
