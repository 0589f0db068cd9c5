package dev.conveyor.plugin.ecommerce.inventory;

/** The shape of a SKU, one rule for orders, stock loads and the stock view. */
public final class Sku {

    public static final int MAX_LENGTH = 64;
    /**
     * Letters, digits and {@code . _ -}: no blanks or commas, so a SKU needs no quoting in CSV, and no slash, so it is
     * one segment of the stock view's URL.
     */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}";
    public static final String RULE = "1 to " + MAX_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or digit";

    private Sku() {
    }

    public static boolean isValid(String sku) {
        return sku != null && sku.matches(PATTERN);
    }
}
