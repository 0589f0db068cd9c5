package dev.conveyor.plugin.logistics;

import dev.conveyor.sdk.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * A message's annotations checked as the platform checks them, and the violations named by their JSON paths such as
 * {@code items[0].quantity}. Messages are interpolated without an expression language: they may use {@code {max}},
 * never {@code ${...}}.
 */
public final class Constraints {

    private static final ValidatorFactory VALIDATION = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();

    private Constraints() {
    }

    public static List<Violation> violations(Object message) {
        return VALIDATION.getValidator().validate(message).stream().map(Constraints::violation).toList();
    }

    private static Violation violation(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return new Violation(field.toString(), violation.getMessage());
    }
}
