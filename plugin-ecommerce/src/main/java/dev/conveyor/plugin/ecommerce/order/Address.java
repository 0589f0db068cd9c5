package dev.conveyor.plugin.ecommerce.order;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A delivery address; {@code line2} is optional and {@code country} is an ISO 3166 alpha-2 code such as {@code US}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(String line1, String line2, String city, String postalCode, String country) {
}
