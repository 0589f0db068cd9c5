package dev.conveyor.shipping;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bean Validation: the text is a UPU S10 tracking number as a person types it (blanks and lower case forgiven), and
 * the violation says what is wrong, such as its check digit. {@code null} and blank pass: add {@code @NotBlank} to
 * require one.
 */
@Documented
@Constraint(validatedBy = S10Number.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface S10Number {

    /** A valid number of the issuer's, shown in the message when the text has not the shape of one. */
    String example() default TrackingNumber.UPU_EXAMPLE;

    String message() default "is not a UPU S10 tracking number";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<S10Number, String> {

        private String example;

        @Override
        public void initialize(S10Number annotation) {
            this.example = annotation.example();
        }

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            if (text == null || text.isBlank()) {
                return true;
            }
            return S10.problem(S10.normalize(text), text, example).map(problem -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(asLiteralTemplate(problem)).addConstraintViolation();
                return false;
            }).orElse(true);
        }

        /** The problem names the text as given: escaped, so that a brace or dollar in it is shown, never interpolated. */
        private static String asLiteralTemplate(String text) {
            return text.replaceAll("([\\\\{}$])", "\\\\$1");
        }
    }
}
