package dev.conveyor.plugin.ecommerce.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Who receives the parcel and the notifications; {@code phone} is optional. The messages never echo the values:
 * violations end up in logs and rejection reasons.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Customer(
        @NotBlank(message = "is required") @Size(max = 200, message = "is too long: at most {max} characters are allowed")
        String name,

        // Deliberately loose: the only proof an address works is a delivered message, so refuse only obvious typos.
        @NotBlank(message = "is required")
        @Size(max = 254, message = "is not an e-mail address such as jane@example.com")
        @Pattern(regexp = "[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+", message = "is not an e-mail address such as jane@example.com")
        String email,

        // At least 5 digits, with blanks and ( ) . - as people write them and an optional leading +.
        @Pattern(regexp = "(?=(?:[^0-9]*[0-9]){5})\\+?[0-9 ().-]{5,32}", message = "is not a phone number: give at least 5 "
                + "digits, with blanks and ( ) . - as you like and an optional leading +, such as +1 (212) 555-0100; or leave it out")
        String phone) {
}
