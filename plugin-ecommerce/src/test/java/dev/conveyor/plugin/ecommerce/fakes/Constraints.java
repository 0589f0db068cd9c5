package dev.conveyor.plugin.ecommerce.fakes;

import dev.conveyor.sdk.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks a message or settings record's Bean Validation annotations as the platform does, answering violations with
 * JSON paths such as {@code lines[1].sku}, ordered by path.
 */
public final class Constraints {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();

    private Constraints() {
    }

    public static List<Violation> violations(Object value) {
        return VALIDATOR.validate(value).stream()
                .map(violation -> new Violation(path(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
    }

    private static String path(ConstraintViolation<?> violation) {
        StringBuilder path = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getIndex() != null) {
                path.append('[').append(node.getIndex()).append(']');
            }
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                path.append(path.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return path.toString();
    }
}
