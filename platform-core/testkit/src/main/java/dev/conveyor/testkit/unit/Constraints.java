package dev.conveyor.testkit.unit;

import dev.conveyor.engine.validation.BeanValidation;
import dev.conveyor.sdk.Violation;
import java.util.List;

/**
 * A record's Bean Validation annotations checked exactly as the platform checks messages, action items and settings:
 * the same validator, every violation named by its JSON path ({@code lines[1].sku}), sorted by path then message,
 * messages interpolated from the annotations' parameters only (never {@code ${...}} expressions).
 *
 * <pre>{@code
 * assertThat(Constraints.violations(new StockRow(" ", "bad sku", -3))).extracting(Violation::field)
 *         .containsExactly("onHand", "sku", "warehouse");
 * }</pre>
 */
public final class Constraints {

    private Constraints() {
    }

    /** Every rule {@code value} breaks; empty when it holds. */
    public static List<Violation> violations(Object value) {
        return BeanValidation.onSystemClock().violations(value, "");
    }

    /** Every rule {@code value} breaks, each path after {@code prefix} (such as {@code rows[3].}), as the API names them. */
    public static List<Violation> violations(Object value, String prefix) {
        return BeanValidation.onSystemClock().violations(value, prefix);
    }
}
