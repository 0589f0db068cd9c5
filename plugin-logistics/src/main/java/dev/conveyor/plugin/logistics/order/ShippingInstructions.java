package dev.conveyor.plugin.logistics.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/** Where and how fast to deliver; {@code instructions} (for the driver) is optional, {@code signatureRequired} defaults to false. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShippingInstructions(
        Address address,
        ServiceLevel serviceLevel,
        String instructions,
        // Optional: without this, the engine's codec would refuse an order that leaves it out.
        @JsonSetter(nulls = Nulls.AS_EMPTY) boolean signatureRequired) {
}
