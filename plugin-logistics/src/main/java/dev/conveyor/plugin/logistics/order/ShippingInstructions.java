package dev.conveyor.plugin.logistics.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Where and how fast to deliver; {@code instructions} (for the driver) is optional, {@code signatureRequired} defaults to false. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShippingInstructions(
        @NotNull(message = "is required; give line1, city, postalCode and country") @Valid Address address,
        @NotNull(message = "is required: STANDARD, EXPRESS or OVERNIGHT") ServiceLevel serviceLevel,
        @Size(max = 500, message = "is longer than the {max} characters allowed") String instructions,
        // Optional: without this, the platform's codec would refuse an order that leaves it out.
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean signatureRequired) {
}
