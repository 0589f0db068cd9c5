package dev.conveyor.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.sdk.Violation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class BeanValidationTest {

    record Item(@NotBlank String sku, @Positive int quantity) {
    }

    record Customer(@Email String email) {
    }

    record Order(@NotBlank String orderId, @Valid Customer customer, @Size(min = 1, max = 100) List<@Valid Item> items) {
    }

    @Test
    void eachBrokenRuleIsNamedAtItsJsonPath() {
        Order order = new Order("", new Customer("not an address"), List.of(new Item("S-1", 1), new Item("S-2", 0)));

        assertThat(BeanValidation.violations(order, "")).extracting(Violation::field)
                .containsExactly("customer.email", "items[1].quantity", "orderId");
        assertThat(BeanValidation.violations(order, "rows[4].")).extracting(Violation::field)
                .containsExactly("rows[4].customer.email", "rows[4].items[1].quantity", "rows[4].orderId");
    }

    @Test
    void aListLongerThanItsSizeIsReportedAloneNotItsItems() {
        Order order = new Order("O-1", null, java.util.Collections.nCopies(101, new Item("", 0)));

        assertThat(BeanValidation.violations(order, "")).extracting(Violation::field).containsExactly("items");
    }

    @Test
    void messagesNeverQuoteTheRejectedValue() {
        Order order = new Order("O-1", new Customer("grace-at-example.com"), List.of(new Item("S", 1)));

        assertThat(BeanValidation.violations(order, "")).singleElement()
                .satisfies(violation -> assertThat(violation.message()).doesNotContain("grace"));
    }

    @Test
    void aSummaryNamesTenAndCountsTheRest() {
        List<Violation> many = IntStream.range(0, 25).mapToObj(index -> new Violation("items[" + index + "].sku",
                "must not be blank")).toList();

        assertThat(BeanValidation.summary(many)).startsWith("items[0].sku: must not be blank; ").endsWith("; and 15 more");
    }
}
