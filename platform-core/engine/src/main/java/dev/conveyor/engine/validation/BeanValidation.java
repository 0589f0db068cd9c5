package dev.conveyor.engine.validation;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks a record against its Bean Validation annotations and reports each broken rule at its JSON path
 * ({@code items[0].quantity}), under a prefix where the record sits inside a larger document ({@code config.},
 * {@code rows[3].}). Messages are interpolated from the annotations' parameters only, never with the rejected
 * value: a message may carry personal data, and these texts are logged and stored with dead letters. Rules on time
 * ({@code @Future}, a constraint reading {@code getClockProvider()}) read the engine's clock.
 */
public final class BeanValidation {

    private static final int NAMED = 10;
    private static final BeanValidation SYSTEM_CLOCK = new BeanValidation(Clock.systemUTC());

    private final Validator validator;

    public BeanValidation(Clock clock) {
        requireNonNull(clock, "clock is null");
        ValidatorFactory factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .clockProvider(() -> clock)
                .buildValidatorFactory();
        this.validator = factory.getValidator();
    }

    /** Checks on the system clock, for what the engine's clock does not reach (settings, tests). */
    public static BeanValidation onSystemClock() {
        return SYSTEM_CLOCK;
    }

    /**
     * Every rule {@code value} breaks in {@code groups} (the default group when none), each at {@code prefix} + its
     * path, in path order; empty when it holds.
     */
    public List<Violation> violations(Object value, String prefix, Class<?>... groups) {
        requireNonNull(value, "value is null");
        requireNonNull(prefix, "prefix is null");
        Set<ConstraintViolation<Object>> found = validator.validate(value, groups);
        // A list longer than its @Size allows is the problem to report: its items' own problems would only bury it
        // (20,000 empty items are one violation, not 60,000).
        List<String> oversized = found.stream()
                .filter(violation -> violation.getConstraintDescriptor().getAnnotation() instanceof Size
                        && violation.getInvalidValue() instanceof Collection<?>)
                .map(violation -> violation.getPropertyPath().toString() + "[")
                .toList();
        return found.stream()
                .filter(violation -> oversized.stream().noneMatch(violation.getPropertyPath().toString()::startsWith))
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
