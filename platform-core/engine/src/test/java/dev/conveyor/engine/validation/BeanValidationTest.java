package dev.conveyor.engine.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.sdk.OnIngest;
import dev.conveyor.sdk.Violation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class BeanValidationTest {

    private static final BeanValidation VALIDATION = new BeanValidation(java.time.Clock.systemUTC());

    record Item(@NotBlank String sku, @Positive int quantity) {
    }

    record Customer(@Email String email) {
    }

    record Order(@NotBlank String orderId, @Valid Customer customer, @Size(min = 1, max = 100) List<@Valid Item> items) {
    }

    @Test
    void eachBrokenRuleIsNamedAtItsJsonPath() {
        Order order = new Order("", new Customer("not an address"), List.of(new Item("S-1", 1), new Item("S-2", 0)));

        assertThat(VALIDATION.violations(order, "")).extracting(Violation::field)
                .containsExactly("customer.email", "items[1].quantity", "orderId");
        assertThat(VALIDATION.violations(order, "rows[4].")).extracting(Violation::field)
                .containsExactly("rows[4].customer.email", "rows[4].items[1].quantity", "rows[4].orderId");
    }

    @Test
    void aListLongerThanItsSizeIsReportedAloneNotItsItems() {
        Order order = new Order("O-1", null, java.util.Collections.nCopies(101, new Item("", 0)));

        assertThat(VALIDATION.violations(order, "")).extracting(Violation::field).containsExactly("items");
    }

    record Posted(@NotBlank(groups = {Default.class, OnIngest.class}) String id,
            @NotBlank(groups = OnIngest.class) String postedBy) {
    }

    @Test
    void rulesOfTheIngestGroupApplyOnlyWhenAsked() {
        Posted posted = new Posted("", null);

        assertThat(VALIDATION.violations(posted, "")).extracting(Violation::field).containsExactly("id");
        assertThat(VALIDATION.violations(posted, "", Default.class, OnIngest.class)).extracting(Violation::field)
                .containsExactly("id", "postedBy");
    }

    @Test
    void rulesOnTimeReadTheEnginesClock() {
        record Visit(@Future java.time.Instant at) {
        }
        Visit visit = new Visit(java.time.Instant.parse("2030-01-01T10:00:00Z"));

        assertThat(new BeanValidation(java.time.Clock.fixed(java.time.Instant.parse("2030-01-01T09:00:00Z"),
                java.time.ZoneOffset.UTC)).violations(visit, "")).isEmpty();
        assertThat(new BeanValidation(java.time.Clock.fixed(java.time.Instant.parse("2030-01-01T11:00:00Z"),
                java.time.ZoneOffset.UTC)).violations(visit, "")).extracting(Violation::field).containsExactly("at");
    }

    @Test
    void messagesNeverQuoteTheRejectedValue() {
        Order order = new Order("O-1", new Customer("grace-at-example.com"), List.of(new Item("S", 1)));

        assertThat(VALIDATION.violations(order, "")).singleElement()
                .satisfies(violation -> assertThat(violation.message()).doesNotContain("grace"));
    }

    @Test
    void aSummaryNamesTenAndCountsTheRest() {
        List<Violation> many = IntStream.range(0, 25).mapToObj(index -> new Violation("items[" + index + "].sku",
                "must not be blank")).toList();

        assertThat(BeanValidation.summary(many)).startsWith("items[0].sku: must not be blank; ").endsWith("; and 15 more");
    }
}
