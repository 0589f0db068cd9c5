package dev.conveyor.plugin.logistics.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A delivery address; {@code line2} is optional and {@code country} is an ISO 3166 alpha-2 code such as {@code US}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(
        @NotBlank(message = "is required") String line1,
        String line2,
        @NotBlank(message = "is required") String city,
        @NotBlank(message = "is required") String postalCode,
        @NotNull(message = "is required: an ISO 3166 alpha-2 code such as US")
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code of two upper-case letters such as US")
        String country) {
}
