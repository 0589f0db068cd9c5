package dev.conveyor.plugin.ecommerce.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.sdk.Violation;
import dev.conveyor.testkit.unit.Constraints;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of an order, as the platform checks them on ingest and before fulfillment. */
final class OrderRequestTest {

    private static List<Violation> violations(OrderRequest order) {
        return Constraints.violations(order);
    }

    @Test
    void acceptsAWellFormedOrder() {
        assertThat(violations(OrderRequests.valid())).isEmpty();
    }

    @Test
    void acceptsAnOrderWithoutItsOptionalFields() {
        OrderRequest order = new OrderRequest("ORD-1", new Customer("Jane Doe", "jane@example.com", null),
                List.of(new OrderLine("SKU-1", 1)), new Address("1 Main St", null, "Springfield", "12345", "US"), ShippingSpeed.STANDARD);

        assertThat(violations(order)).isEmpty();
    }

    @Test
    void reportsEveryMissingPartAtOnce() {
        assertThat(violations(new OrderRequest(null, null, null, null, null))).containsExactly(
                new Violation("customer", "is required; give the customer's name and email"),
                new Violation("lines", "must list at least one line of sku and quantity"),
                new Violation("orderId", "is required"),
                new Violation("shippingAddress", "is required; give line1, city, postalCode and country"),
                new Violation("speed", "is required: STANDARD or EXPRESS"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "semi;colon", "ü-umlaut"})
    void reportsAnOrderIdOfOtherCharacters(String orderId) {
        OrderRequest order = new OrderRequest(orderId, OrderRequests.customer(), OrderRequests.valid().lines(), OrderRequests.address(),
                ShippingSpeed.STANDARD);

        assertThat(violations(order)).containsExactly(
                new Violation("orderId", "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'"));
    }

    @Test
    void reportsAnOrderIdThatIsTooLong() {
        OrderRequest order = new OrderRequest("A".repeat(65), OrderRequests.customer(), OrderRequests.valid().lines(),
                OrderRequests.address(), ShippingSpeed.STANDARD);

        assertThat(violations(order)).extracting(Violation::field).containsExactly("orderId");
    }

    @Test
    void reportsCustomerProblemsWithoutEchoingTheData() {
        OrderRequest order = new OrderRequest("ORD-1", new Customer(" ", "jane.example.com", "call me"), OrderRequests.valid().lines(),
                OrderRequests.address(), ShippingSpeed.STANDARD);

        List<Violation> violations = violations(order);

        assertThat(violations).extracting(Violation::field).containsExactly("customer.email", "customer.name", "customer.phone");
        assertThat(violations).extracting(Violation::message).noneMatch(message -> message.contains("jane.example.com")
                || message.contains("call me"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 212 555 0100", "(212) 555-0100", "0049.30.123456"})
    void acceptsPhoneNumbersAsPeopleWriteThem(String phone) {
        OrderRequest order = new OrderRequest("ORD-1", new Customer("Jane Doe", "jane@example.com", phone), OrderRequests.valid().lines(),
                OrderRequests.address(), ShippingSpeed.STANDARD);

        assertThat(violations(order)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"call me", "12-34", "+1 212 555 0100 ext. 7", "(((())))"})
    void reportsWhatIsNotAPhoneNumber(String phone) {
        OrderRequest order = new OrderRequest("ORD-1", new Customer("Jane Doe", "jane@example.com", phone), OrderRequests.valid().lines(),
                OrderRequests.address(), ShippingSpeed.STANDARD);

        assertThat(violations(order)).extracting(Violation::field).containsExactly("customer.phone");
    }

    @Test
    void reportsEveryBadLineWithItsPath() {
        List<OrderLine> lines = new ArrayList<>();
        lines.add(new OrderLine("SKU-1", 1));
        lines.add(null);
        lines.add(new OrderLine(null, null));
        lines.add(new OrderLine("has space", 0));
        lines.add(new OrderLine("SKU-5", 1001));
        lines.add(new OrderLine("SKU-1", 3));

        assertThat(violations(OrderRequests.order(lines))).containsExactly(
                new Violation("lines[1]", "is null; give sku and quantity"),
                new Violation("lines[2].quantity", "is required: a whole number from 1 to 1000"),
                new Violation("lines[2].sku", "is required"),
                new Violation("lines[3].quantity", "must be 1 to 1000"),
                new Violation("lines[3].sku", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"),
                new Violation("lines[4].quantity", "must be 1 to 1000"),
                new Violation("lines[5].sku", "repeats SKU-1 of lines[0]; order each SKU on one line with the whole quantity"));
    }

    @Test
    void limitsTheNumberOfLines() {
        List<OrderLine> lines = IntStream.range(0, 101).mapToObj(index -> new OrderLine("SKU-" + index, 1)).toList();

        assertThat(violations(OrderRequests.order(lines))).containsExactly(new Violation("lines",
                "has too many lines; at most 100 are allowed per order, so split it into several orders"));
    }

    @Test
    void reportsEveryAddressProblem() {
        OrderRequest order = new OrderRequest("ORD-1", OrderRequests.customer(), OrderRequests.valid().lines(),
                new Address("", "x".repeat(201), null, "1".repeat(21), "usa"), ShippingSpeed.EXPRESS);

        assertThat(violations(order)).containsExactly(
                new Violation("shippingAddress.city", "is required"),
                new Violation("shippingAddress.country", "must be an ISO 3166 alpha-2 code of two upper-case letters such as US"),
                new Violation("shippingAddress.line1", "is required"),
                new Violation("shippingAddress.line2", "is too long: at most 200 characters are allowed"),
                new Violation("shippingAddress.postalCode", "is too long: at most 20 characters are allowed"));
    }

    @Test
    void reportsAMissingCountry() {
        OrderRequest order = new OrderRequest("ORD-1", OrderRequests.customer(), OrderRequests.valid().lines(),
                new Address("1 Main St", null, "Springfield", "12345", null), ShippingSpeed.EXPRESS);

        assertThat(violations(order)).containsExactly(
                new Violation("shippingAddress.country", "is required: an ISO 3166 alpha-2 code such as US"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane@localhost", "jane", "@example.com"})
    void refusesWhatIsNoUsableEmail(String email) {
        OrderRequest order = new OrderRequest("ORD-1", new Customer("Jane Doe", email, null), OrderRequests.valid().lines(),
                OrderRequests.address(), ShippingSpeed.STANDARD);

        assertThat(violations(order)).containsExactly(
                new Violation("customer.email", "is not an e-mail address such as jane@example.com"));
    }
}
