package com.example.claims;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A claim as the policyholder's portal submits it. */
public record ClaimSubmitted(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "must be letters, digits, '.', '_' or '-'")
        String claimId,
        @NotBlank @Size(max = 32) String policyNumber,
        @NotNull @Valid Claimant claimant,
        @NotNull ClaimKind kind,
        @NotNull @Positive @Digits(integer = 10, fraction = 2) BigDecimal amount,
        @NotNull LocalDate incidentDate) {

    public record Claimant(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email) {
    }

    public enum ClaimKind { PROPERTY, VEHICLE, TRAVEL, INJURY }
}
