package dev.conveyor.plugin.logistics.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Who receives the parcel and the notifications; {@code phone} is optional. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Customer(
        @NotBlank(message = "is required") String name,
        // Deliberately loose: the only proof an address works is a delivered message, so reject only obvious typos.
        // The address itself stays out of the message: violations end up in logs and dead letters.
        @NotNull(message = "is required")
        @Pattern(regexp = "[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+", message = "is not an e-mail address such as jane@example.com")
        @Size(max = 254, message = "is longer than an e-mail address can be ({max} characters)") String email,
        String phone) {
}
