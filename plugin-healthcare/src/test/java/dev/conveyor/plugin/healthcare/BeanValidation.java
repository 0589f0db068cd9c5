package dev.conveyor.plugin.healthcare;

import dev.conveyor.sdk.Violation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks a message or the settings by their annotations, as the platform does, naming each violation by its JSON path
 * (such as {@code preferences[0].to}); sorted by path, then message.
 */
public final class BeanValidation {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    private BeanValidation() {
    }

    public static List<Violation> violations(Object value) {
        return VALIDATOR.validate(value).stream()
                .map(violation -> new Violation(path(violation.getPropertyPath()), violation.getMessage()))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
    }

    private static String path(Path path) {
        StringBuilder text = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                text.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey() != null ? node.getKey() : "")
                        .append(']');
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                text.append(text.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return text.toString();
    }
}
