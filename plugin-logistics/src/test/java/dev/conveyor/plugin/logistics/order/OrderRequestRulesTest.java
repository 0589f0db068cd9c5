package dev.conveyor.plugin.logistics.order;

import static dev.conveyor.plugin.logistics.order.OrderRequests.address;
import static dev.conveyor.plugin.logistics.order.OrderRequests.item;
import static dev.conveyor.testkit.unit.Constraints.violations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.sdk.Violation;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The structural rules of an order, as its annotations state them. */
final class OrderRequestRulesTest {

    @Test
    void acceptsAWellFormedOrder() {
        assertThat(violations(OrderRequests.valid())).isEmpty();
    }

    @Test
    void acceptsAnOrderWithoutItsOptionalFields() {
        OrderRequest order = new OrderRequest("ORD-1", new Customer("Jane Doe", "jane@example.com", null),
                List.of(new OrderItem("SKU-1", null, 1, BigDecimal.ONE)),
                new ShippingInstructions(new Address("1 Main St", null, "Springfield", "62701", "US"), ServiceLevel.STANDARD, null, false));

        assertThat(violations(order)).isEmpty();
    }

    @Test
    void acceptsTheLimits() {
        List<OrderItem> hundredItems = IntStream.range(0, 100).mapToObj(index -> item("SKU-" + index, 1000, "1000")).toList();
        OrderRequest order = new OrderRequest("a".repeat(64), new Customer("J", "j@example.co.uk", null), hundredItems,
                new ShippingInstructions(address("US", "10001"), ServiceLevel.STANDARD, "x".repeat(500), false));

        assertThat(violations(order)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ORD 1", "ORD/1", "ORDÉ", "ORD-1\n"})
    void explainsWhatAnOrderIdMayContain(String orderId) {
        OrderRequest order = new OrderRequest(orderId, valid().customer(), valid().items(), valid().shipping());

        assertThat(violations(order)).containsExactly(
                new Violation("orderId", "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'"));
    }

    @Test
    void reportsAnOrderIdLongerThan64Characters() {
        OrderRequest order = new OrderRequest("a".repeat(65), valid().customer(), valid().items(), valid().shipping());

        assertThat(violations(order)).extracting(Violation::field).containsExactly("orderId");
    }

    @Test
    void reportsABlankCustomerNameAndAMissingEmail() {
        OrderRequest order = new OrderRequest("ORD-1", new Customer(" ", null, null), valid().items(), valid().shipping());

        assertThat(violations(order)).containsExactlyInAnyOrder(
                new Violation("customer.name", "is required"),
                new Violation("customer.email", "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane", "jane@", "@example.com", "jane@example", "jane doe@example.com", "jane@@example.com",
            "jane@example..com", "jane@.com", " "})
    void reportsAnImplausibleEmailWithoutRepeatingIt(String email) {
        OrderRequest order = new OrderRequest("ORD-1", new Customer("Jane", email, null), valid().items(), valid().shipping());

        assertThat(violations(order)).containsExactly(
                new Violation("customer.email", "is not an e-mail address such as jane@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane@example.com", "jane.doe+orders@mail.example.co.uk", "j@x.io"})
    void acceptsAPlausibleEmail(String email) {
        OrderRequest order = new OrderRequest("ORD-1", new Customer("Jane", email, null), valid().items(), valid().shipping());

        assertThat(violations(order)).isEmpty();
    }

    @Test
    void reportsMissingAndEmptyItems() {
        OrderRequest withoutItems = new OrderRequest("ORD-1", valid().customer(), null, valid().shipping());
        OrderRequest withNoItems = new OrderRequest("ORD-1", valid().customer(), List.of(), valid().shipping());

        assertThat(violations(withoutItems)).containsExactly(new Violation("items", "must list at least one item"));
        assertThat(violations(withNoItems)).containsExactly(new Violation("items", "must list at least one item"));
    }

    @Test
    void reportsTooManyItems() {
        List<OrderItem> items = Collections.nCopies(101, item("SKU-1", 1, "1"));
        OrderRequest order = new OrderRequest("ORD-1", valid().customer(), items, valid().shipping());

        assertThat(violations(order)).containsExactly(new Violation("items",
                "lists more than 100 items; at most 100 are allowed per order, so split it into several orders"));
    }

    @Test
    void reportsEachBadItemByItsIndex() {
        List<OrderItem> items = Arrays.asList(
                item("SKU-1", 1, "1"),
                null,
                new OrderItem(" ", "no sku", null, null),
                item("SKU-4", 1001, "0"),
                item("SKU-5", 1, "1000.001"),
                item("SKU-6", -3, "-1"));
        OrderRequest order = new OrderRequest("ORD-1", valid().customer(), items, valid().shipping());

        assertThat(violations(order)).containsExactlyInAnyOrder(
                new Violation("items[1]", "is null; give sku, quantity and weightKg"),
                new Violation("items[2].sku", "is required"),
                new Violation("items[2].quantity", "is required: a whole number from 1 to 1000"),
                new Violation("items[2].weightKg", "is required: the weight of one unit in kilograms"),
                new Violation("items[3].quantity", "must be 1 to 1000"),
                new Violation("items[3].weightKg", "must be more than 0 and at most 1000 kg"),
                new Violation("items[4].weightKg", "must be more than 0 and at most 1000 kg"),
                new Violation("items[5].quantity", "must be 1 to 1000"),
                new Violation("items[5].weightKg", "must be more than 0 and at most 1000 kg"));
    }

    @Test
    void reportsMissingShippingAndAddress() {
        OrderRequest withoutShipping = new OrderRequest("ORD-1", valid().customer(), valid().items(), null);
        OrderRequest withoutAddress = new OrderRequest("ORD-1", valid().customer(), valid().items(),
                new ShippingInstructions(null, ServiceLevel.STANDARD, null, false));

        assertThat(violations(withoutShipping)).extracting(Violation::field).containsExactly("shipping");
        assertThat(violations(withoutAddress)).extracting(Violation::field).containsExactly("shipping.address");
    }

    @Test
    void reportsBlankAddressLines() {
        OrderRequest order = withAddress(new Address("", null, " ", "", "US"));

        assertThat(violations(order)).extracting(Violation::field)
                .containsExactlyInAnyOrder("shipping.address.line1", "shipping.address.city", "shipping.address.postalCode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"us", "USA", "U", "1A", "Us", ""})
    void reportsACountryThatIsNotAnAlpha2Code(String country) {
        assertThat(violations(withAddress(address(country, "10001")))).containsExactly(new Violation("shipping.address.country",
                "must be an ISO 3166 alpha-2 code of two upper-case letters such as US"));
    }

    @Test
    void reportsAMissingCountry() {
        assertThat(violations(withAddress(address(null, "10001")))).containsExactly(
                new Violation("shipping.address.country", "is required: an ISO 3166 alpha-2 code such as US"));
    }

    @Test
    void reportsAMissingServiceLevelAndLongInstructions() {
        OrderRequest order = new OrderRequest("ORD-1", valid().customer(), valid().items(),
                new ShippingInstructions(address("US", "10001"), null, "x".repeat(501), false));

        assertThat(violations(order)).containsExactlyInAnyOrder(
                new Violation("shipping.serviceLevel", "is required: STANDARD, EXPRESS or OVERNIGHT"),
                new Violation("shipping.instructions", "is longer than the 500 characters allowed"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        OrderRequest order = new OrderRequest("bad id", new Customer(null, "nope", null),
                List.of(new OrderItem(null, null, 0, BigDecimal.ZERO)),
                new ShippingInstructions(new Address(null, null, null, null, "usa"), null, null, false));

        assertThat(violations(order)).extracting(Violation::field).containsExactlyInAnyOrder(
                "orderId",
                "customer.name",
                "customer.email",
                "items[0].sku",
                "items[0].quantity",
                "items[0].weightKg",
                "shipping.address.line1",
                "shipping.address.city",
                "shipping.address.postalCode",
                "shipping.address.country",
                "shipping.serviceLevel");
    }

    @Test
    void reportsEverythingMissing() {
        assertThat(violations(new OrderRequest(null, null, null, null))).extracting(Violation::field)
                .containsExactlyInAnyOrder("orderId", "customer", "items", "shipping");
    }

    private static OrderRequest valid() {
        return OrderRequests.valid();
    }

    private static OrderRequest withAddress(Address address) {
        return new OrderRequest("ORD-1", valid().customer(), valid().items(),
                new ShippingInstructions(address, ServiceLevel.STANDARD, null, false));
    }
}
