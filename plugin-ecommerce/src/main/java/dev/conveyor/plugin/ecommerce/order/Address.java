package dev.conveyor.plugin.ecommerce.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A delivery address; {@code line2} is optional and {@code country} is an ISO 3166 alpha-2 code such as {@code US}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(
        @NotBlank(message = "is required") @Size(max = 200, message = TOO_LONG) String line1,
        @Size(max = 200, message = TOO_LONG) String line2,
        @NotBlank(message = "is required") @Size(max = 100, message = TOO_LONG) String city,
        @NotBlank(message = "is required") @Size(max = 20, message = TOO_LONG) String postalCode,
        @NotNull(message = "is required: an ISO 3166 alpha-2 code such as US")
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code of two upper-case letters such as US")
        String country) {

    private static final String TOO_LONG = "is too long: at most {max} characters are allowed";
}
