package dev.conveyor.plugin.healthcare.appointment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.healthcare.Ids;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * Who the appointment is for; {@code email} and {@code phone} are each optional, but one of them is required (a rule
 * of the management stage, as is a plausible date of birth).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Patient(
        @NotNull(message = "is required") @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String patientId,
        @NotBlank(message = "is required") @Size(max = 200) String name,
        @Size(max = 254) @Pattern(regexp = EMAIL, message = "is not an e-mail address such as jane@example.com") String email,
        @Pattern(regexp = PHONE, message = "is not a phone number of 7 to 15 digits such as +1 212 555 0100") String phone,
        @NotNull(message = "is required: a date such as 1980-04-23") LocalDate dateOfBirth) {

    // Deliberately loose: the only proof an address works is a delivered message, so reject only obvious typos.
    static final String EMAIL = "[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+";
    /** Digits with the usual separators, 7 to 15 digits in all (E.164's longest). */
    static final String PHONE = "(?=(?:\\D*\\d){7,15}\\D*$)\\+?[0-9 ().-]{7,25}";

    /** Without the personal data, so that logging the record cannot leak it. */
    @Override
    public String toString() {
        return "Patient[patientId=" + patientId + "]";
    }
}
