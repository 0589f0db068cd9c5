package dev.conveyor.engine.validation;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Comparator;
import java.util.List;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks a record against its Bean Validation annotations and reports each broken rule at its JSON path
 * ({@code items[0].quantity}), under a prefix where the record sits inside a larger document ({@code config.},
 * {@code rows[3].}). Messages are interpolated from the annotations' parameters only, never with the rejected
 * value: a message may carry personal data, and these texts are logged and stored with dead letters.
 */
public final class BeanValidation {

    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();
    private static final int NAMED = 10;

    private BeanValidation() {
    }

    /** Every rule {@code value} breaks, each at {@code prefix} + its path, in path order; empty when it holds. */
    public static List<Violation> violations(Object value, String prefix) {
        requireNonNull(value, "value is null");
        requireNonNull(prefix, "prefix is null");
        return VALIDATOR.validate(value).stream()
                .map(violation -> new Violation(path(prefix, violation), violation.getMessage()))
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::message))
                .toList();
    }

    /** The first ten violations as text, the rest counted, so that a reason or log line stays short. */
    public static String summary(List<Violation> violations) {
        String named = String.join("; ", violations.stream().limit(NAMED).map(Violation::toString).toList());
        return violations.size() <= NAMED ? named : named + "; and " + (violations.size() - NAMED) + " more";
    }

    /**
     * The path as JSON names it: {@code items[1].quantity}, and {@code warehouses[1]} for an element of a list of
     * plain values (where the validator's own rendering would add {@code .<list element>}).
     */
    private static String path(String prefix, ConstraintViolation<?> violation) {
        StringBuilder rendered = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.isInIterable()) {
                rendered.append('[').append(node.getIndex() != null ? node.getIndex()
                        : node.getKey() != null ? node.getKey() : "").append(']');
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                rendered.append(rendered.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        String path = rendered.toString();
        if (path.isEmpty()) {
            return prefix.isEmpty() ? "$" : prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
        }
        return prefix + path;
    }
}
