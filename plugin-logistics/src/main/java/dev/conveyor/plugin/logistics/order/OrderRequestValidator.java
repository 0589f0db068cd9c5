package dev.conveyor.plugin.logistics.order;

import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The structural rules of an order: every field it must have and the shape each must take. Reports every
 * problem at once, so a client fixes its request in one round trip; never throws, whatever is null.
 * Business rules (where Acme delivers, weight limits) belong to dispatch, which rejects the order instead.
 */
public final class OrderRequestValidator implements MessageType.Validator<OrderRequest> {

    public static final int MAX_ORDER_ID_LENGTH = 64;
    public static final int MAX_ITEMS = 100;
    public static final int MAX_QUANTITY = 1000;
    public static final BigDecimal MAX_ITEM_WEIGHT_KG = BigDecimal.valueOf(1000);
    public static final int MAX_INSTRUCTIONS_LENGTH = 500;
    public static final String ORDER_ID_RULE = "must be 1 to " + MAX_ORDER_ID_LENGTH
            + " characters, each a letter, digit, '.', '_' or '-'";

    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_ORDER_ID_LENGTH + "}");
    // Deliberately loose: the only proof an address works is a delivered message, so reject only obvious typos.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    @Override
    public List<Violation> validate(OrderRequest order) {
        List<Violation> violations = new ArrayList<>();
        if (order == null) {
            violations.add(new Violation("$", "the order is missing; send a JSON object with orderId, customer, items and shipping"));
            return List.copyOf(violations);
        }
        checkOrderId(order.orderId(), violations);
        checkCustomer(order.customer(), violations);
        checkItems(order.items(), violations);
        checkShipping(order.shipping(), violations);
        return List.copyOf(violations);
    }

    private static void checkOrderId(String orderId, List<Violation> violations) {
        if (isBlank(orderId)) {
            violations.add(new Violation("orderId", "is required"));
        } else if (!isOrderId(orderId)) {
            violations.add(new Violation("orderId", ORDER_ID_RULE));
        }
    }

    /** Whether {@code text} has the shape of an orderId; {@link #ORDER_ID_RULE} says which. */
    public static boolean isOrderId(String text) {
        return text != null && ORDER_ID.matcher(text).matches();
    }

    private static void checkCustomer(Customer customer, List<Violation> violations) {
        if (customer == null) {
            violations.add(new Violation("customer", "is required; give the customer's name and email"));
            return;
        }
        if (isBlank(customer.name())) {
            violations.add(new Violation("customer.name", "is required"));
        }
        if (isBlank(customer.email())) {
            violations.add(new Violation("customer.email", "is required"));
        } else if (customer.email().length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(customer.email()).matches()) {
            // The address itself stays out of the message: violations end up in logs and rejection reasons.
            violations.add(new Violation("customer.email", "is not an e-mail address such as jane@example.com"));
        }
    }

    private static void checkItems(List<OrderItem> items, List<Violation> violations) {
        if (items == null || items.isEmpty()) {
            violations.add(new Violation("items", "must list at least one item"));
            return;
        }
        if (items.size() > MAX_ITEMS) {
            violations.add(new Violation("items", "has " + items.size() + " items; at most " + MAX_ITEMS
                    + " are allowed per order, so split it into several orders"));
            // Checking each of 20,000 items would answer with 20,000 violations: the count is the problem.
            return;
        }
        for (int index = 0; index < items.size(); index++) {
            checkItem("items[" + index + "]", items.get(index), violations);
        }
    }

    private static void checkItem(String path, OrderItem item, List<Violation> violations) {
        if (item == null) {
            violations.add(new Violation(path, "is null; give sku, quantity and weightKg"));
            return;
        }
        if (isBlank(item.sku())) {
            violations.add(new Violation(path + ".sku", "is required"));
        }
        if (item.quantity() == 0) {
            // A missing quantity reads as 0, so the two get one message.
            violations.add(new Violation(path + ".quantity", "is required: a whole number from 1 to " + MAX_QUANTITY));
        } else if (item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
            violations.add(new Violation(path + ".quantity", "must be 1 to " + MAX_QUANTITY + ", was " + item.quantity()));
        }
        if (item.weightKg() == null) {
            violations.add(new Violation(path + ".weightKg", "is required: the weight of one unit in kilograms"));
        } else if (item.weightKg().signum() <= 0 || item.weightKg().compareTo(MAX_ITEM_WEIGHT_KG) > 0) {
            violations.add(new Violation(path + ".weightKg", "must be more than 0 and at most " + MAX_ITEM_WEIGHT_KG
                    + " kg, was " + item.weightKg().toPlainString()));
        }
    }

    private static void checkShipping(ShippingInstructions shipping, List<Violation> violations) {
        if (shipping == null) {
            violations.add(new Violation("shipping", "is required; give the address and the serviceLevel"));
            return;
        }
        checkAddress(shipping.address(), violations);
        if (shipping.serviceLevel() == null) {
            violations.add(new Violation("shipping.serviceLevel", "is required: STANDARD, EXPRESS or OVERNIGHT"));
        }
        if (shipping.instructions() != null && shipping.instructions().length() > MAX_INSTRUCTIONS_LENGTH) {
            violations.add(new Violation("shipping.instructions", "has " + shipping.instructions().length()
                    + " characters; at most " + MAX_INSTRUCTIONS_LENGTH + " are allowed"));
        }
    }

    private static void checkAddress(Address address, List<Violation> violations) {
        if (address == null) {
            violations.add(new Violation("shipping.address", "is required; give line1, city, postalCode and country"));
            return;
        }
        if (isBlank(address.line1())) {
            violations.add(new Violation("shipping.address.line1", "is required"));
        }
        if (isBlank(address.city())) {
            violations.add(new Violation("shipping.address.city", "is required"));
        }
        if (isBlank(address.postalCode())) {
            violations.add(new Violation("shipping.address.postalCode", "is required"));
        }
        if (isBlank(address.country())) {
            violations.add(new Violation("shipping.address.country", "is required: an ISO 3166 alpha-2 code such as US"));
        } else if (!COUNTRY.matcher(address.country()).matches()) {
            violations.add(new Violation("shipping.address.country", "must be an ISO 3166 alpha-2 code of two upper-case letters such as US, was '"
                    + abbreviate(address.country()) + "'"));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String abbreviate(String value) {
        return value.length() <= 10 ? value : value.substring(0, 10) + "…";
    }
}
