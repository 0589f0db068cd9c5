package dev.conveyor.plugin.ecommerce.order;

import dev.conveyor.plugin.ecommerce.inventory.Sku;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An order names each SKU on one line: stock is reserved per line, and two lines of one SKU could each find enough
 * units that are only there once. A repeat is reported at its line ({@code lines[5].sku}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = EachSkuOnce.Check.class)
public @interface EachSkuOnce {

    String message() default "names a SKU on two lines";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<EachSkuOnce, OrderRequest> {

        @Override
        public boolean isValid(OrderRequest order, ConstraintValidatorContext context) {
            List<OrderLine> lines = order == null ? null : order.lines();
            if (lines == null) {
                return true;
            }
            boolean valid = true;
            Map<String, Integer> firstLineOfSku = new HashMap<>();
            context.disableDefaultConstraintViolation();
            for (int index = 0; index < lines.size(); index++) {
                OrderLine line = lines.get(index);
                // Only well-formed SKUs: their own rule names the others, and the pattern keeps them safe in a message.
                if (line == null || line.sku() == null || !line.sku().matches(Sku.PATTERN)) {
                    continue;
                }
                Integer first = firstLineOfSku.putIfAbsent(line.sku(), index);
                if (first != null) {
                    valid = false;
                    context.buildConstraintViolationWithTemplate("repeats " + line.sku() + " of lines[" + first + "]; order each "
                                    + "SKU on one line with the whole quantity")
                            .addPropertyNode("lines").addPropertyNode("sku").inIterable().atIndex(index)
                            .addConstraintViolation();
                }
            }
            return valid;
        }
    }
}
