package dev.conveyor.plugin.ecommerce.tracking;

import dev.conveyor.shipping.S10;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The fields an {@link OrderUpdate} needs by its kind: a carrier's scan names the parcel, the scan and when it
 * happened; an update about the order names the order and no parcel yet; SHIPPED names both. A tracking number, where
 * given, must be a valid UPU S10 number. Each problem is reported at its field.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = FieldsOfItsKind.Check.class)
public @interface FieldsOfItsKind {

    String message() default "lacks a field its kind needs";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<FieldsOfItsKind, OrderUpdate> {

        @Override
        public boolean isValid(OrderUpdate update, ConstraintValidatorContext context) {
            if (update == null || update.kind() == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            Problems problems = new Problems(context);
            UpdateKind kind = update.kind();
            if (!kind.isScan() && isBlank(update.orderId())) {
                problems.add("orderId", "is required for a " + kind + " update");
            }
            if (isBlank(update.trackingNumber())) {
                if (!kind.isAboutOrder()) {
                    problems.add("trackingNumber", "is required for a " + kind + " update: the parcel's UPU S10 number, such as "
                            + OrderUpdate.TRACKING_NUMBER_EXAMPLE);
                }
            } else if (kind.isAboutOrder()) {
                problems.add("trackingNumber", "must be left out of a " + kind + " update: it is about the order, before any "
                        + "parcel exists");
            } else {
                S10.problem(S10.normalize(update.trackingNumber()), update.trackingNumber(), OrderUpdate.TRACKING_NUMBER_EXAMPLE)
                        .ifPresent(problem -> problems.add("trackingNumber", problem));
            }
            if (kind.isScan()) {
                if (isBlank(update.scanId())) {
                    problems.add("scanId", "is required for a " + kind + " scan: the carrier's id for the scan, which makes a "
                            + "scan sent twice count once");
                }
                if (update.occurredAt() == null) {
                    problems.add("occurredAt", "is required for a " + kind + " scan: when the carrier scanned the parcel, such as "
                            + "2026-11-27T15:04:05Z");
                }
            }
            return problems.none();
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }

        /** Violations at their fields; a message may quote what was sent, so it is escaped as a message template. */
        private static final class Problems {
            private final ConstraintValidatorContext context;
            private boolean any;

            Problems(ConstraintValidatorContext context) {
                this.context = context;
            }

            void add(String field, String message) {
                any = true;
                context.buildConstraintViolationWithTemplate(message.replaceAll("([\\\\{}$])", "\\\\$1"))
                        .addPropertyNode(field).addConstraintViolation();
            }

            boolean none() {
                return !any;
            }
        }
    }
}
