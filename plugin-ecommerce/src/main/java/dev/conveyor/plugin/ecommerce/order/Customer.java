package dev.conveyor.plugin.ecommerce.order;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Who receives the parcel and the notifications; {@code phone} is optional. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Customer(String name, String email, String phone) {
}
