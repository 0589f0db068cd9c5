package dev.conveyor.plugin.ecommerce.order;

import dev.conveyor.plugin.ecommerce.inventory.Sku;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The structural rules of an order: every field it must have and the shape each must take. Reports every problem
 * at once, with its JSON path, so a client fixes its request in one round trip; never throws, whatever is null.
 * Whether stock can fill the order is fulfillment's question, which rejects or backorders the order instead.
 */
public final class OrderRequestValidator implements MessageType.Validator<OrderRequest> {

    public static final int MAX_ORDER_ID_LENGTH = 64;
    public static final int MAX_LINES = 100;
    public static final int MAX_QUANTITY = 1000;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_ADDRESS_LINE_LENGTH = 200;
    public static final int MAX_CITY_LENGTH = 100;
    public static final int MAX_POSTAL_CODE_LENGTH = 20;

    public static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_ORDER_ID_LENGTH + "}");
    // Deliberately loose: the only proof an address works is a delivered message, so reject only obvious typos.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]{5,32}");
    private static final int MIN_PHONE_DIGITS = 5;
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    /** Whether {@code email} is an address notifications can be sent to. */
    public static boolean isUsableEmail(String email) {
        return email != null && email.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(email).matches();
    }

    @Override
    public List<Violation> validate(OrderRequest order) {
        List<Violation> violations = new ArrayList<>();
        if (order == null) {
            violations.add(new Violation("$", "the order is missing; send a JSON object with orderId, customer, lines, "
                    + "shippingAddress and speed"));
            return List.copyOf(violations);
        }
        checkOrderId(order.orderId(), violations);
        checkCustomer(order.customer(), violations);
        checkLines(order.lines(), violations);
        checkAddress(order.shippingAddress(), violations);
        if (order.speed() == null) {
            violations.add(new Violation("speed", "is required: STANDARD or EXPRESS"));
        }
        return List.copyOf(violations);
    }

    private static void checkOrderId(String orderId, List<Violation> violations) {
        if (isBlank(orderId)) {
            violations.add(new Violation("orderId", "is required"));
        } else if (!ORDER_ID.matcher(orderId).matches()) {
            violations.add(new Violation("orderId", "must be 1 to " + MAX_ORDER_ID_LENGTH
                    + " characters, each a letter, digit, '.', '_' or '-'"));
        }
    }

    private static void checkCustomer(Customer customer, List<Violation> violations) {
        if (customer == null) {
            violations.add(new Violation("customer", "is required; give the customer's name and email"));
            return;
        }
        if (isBlank(customer.name())) {
            violations.add(new Violation("customer.name", "is required"));
        } else if (customer.name().length() > MAX_NAME_LENGTH) {
            violations.add(new Violation("customer.name", "has " + customer.name().length() + " characters; at most "
                    + MAX_NAME_LENGTH + " are allowed"));
        }
        // The values themselves stay out of the messages: violations end up in logs and rejection reasons.
        if (isBlank(customer.email())) {
            violations.add(new Violation("customer.email", "is required"));
        } else if (!isUsableEmail(customer.email())) {
            violations.add(new Violation("customer.email", "is not an e-mail address such as jane@example.com"));
        }
        if (customer.phone() != null && !isPhone(customer.phone())) {
            violations.add(new Violation("customer.phone", "is not a phone number: give at least 5 digits, with blanks and ( ) . - "
                    + "as you like and an optional leading +, such as +1 (212) 555-0100; or leave it out"));
        }
    }

    private static boolean isPhone(String phone) {
        return PHONE.matcher(phone).matches() && phone.chars().filter(Character::isDigit).count() >= MIN_PHONE_DIGITS;
    }

    private static void checkLines(List<OrderLine> lines, List<Violation> violations) {
        if (lines == null || lines.isEmpty()) {
            violations.add(new Violation("lines", "must list at least one line of sku and quantity"));
            return;
        }
        if (lines.size() > MAX_LINES) {
            violations.add(new Violation("lines", "has " + lines.size() + " lines; at most " + MAX_LINES
                    + " are allowed per order, so split it into several orders"));
            // Checking each of 20,000 lines would answer with 20,000 violations: the count is the problem.
            return;
        }
        Map<String, Integer> firstLineOfSku = new HashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            String path = "lines[" + index + "]";
            OrderLine line = lines.get(index);
            if (line == null) {
                violations.add(new Violation(path, "is null; give sku and quantity"));
                continue;
            }
            if (isBlank(line.sku())) {
                violations.add(new Violation(path + ".sku", "is required"));
            } else if (!Sku.isValid(line.sku())) {
                violations.add(new Violation(path + ".sku", "must be " + Sku.RULE));
            } else {
                Integer first = firstLineOfSku.putIfAbsent(line.sku(), index);
                if (first != null) {
                    violations.add(new Violation(path + ".sku", "repeats " + line.sku() + " of lines[" + first
                            + "]; order each SKU on one line with the whole quantity"));
                }
            }
            if (line.quantity() == null) {
                violations.add(new Violation(path + ".quantity", "is required: a whole number from 1 to " + MAX_QUANTITY));
            } else if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                violations.add(new Violation(path + ".quantity", "must be 1 to " + MAX_QUANTITY + ", was " + line.quantity()));
            }
        }
    }

    private static void checkAddress(Address address, List<Violation> violations) {
        if (address == null) {
            violations.add(new Violation("shippingAddress", "is required; give line1, city, postalCode and country"));
            return;
        }
        checkText("shippingAddress.line1", address.line1(), true, MAX_ADDRESS_LINE_LENGTH, violations);
        checkText("shippingAddress.line2", address.line2(), false, MAX_ADDRESS_LINE_LENGTH, violations);
        checkText("shippingAddress.city", address.city(), true, MAX_CITY_LENGTH, violations);
        checkText("shippingAddress.postalCode", address.postalCode(), true, MAX_POSTAL_CODE_LENGTH, violations);
        if (isBlank(address.country())) {
            violations.add(new Violation("shippingAddress.country", "is required: an ISO 3166 alpha-2 code such as US"));
        } else if (!COUNTRY.matcher(address.country()).matches()) {
            violations.add(new Violation("shippingAddress.country", "must be an ISO 3166 alpha-2 code of two upper-case "
                    + "letters such as US, was '" + abbreviate(address.country()) + "'"));
        }
    }

    private static void checkText(String path, String value, boolean required, int maxLength, List<Violation> violations) {
        if (isBlank(value)) {
            if (required) {
                violations.add(new Violation(path, "is required"));
            }
        } else if (value.length() > maxLength) {
            violations.add(new Violation(path, "has " + value.length() + " characters; at most " + maxLength + " are allowed"));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String abbreviate(String value) {
        return value.length() <= 10 ? value : value.substring(0, 10) + "…";
    }
}
