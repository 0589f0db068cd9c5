package dev.conveyor.plugin.ecommerce.order;

/** How fast the customer paid to receive the order, and how many business days that takes once shipped. */
public enum ShippingSpeed {
    STANDARD(5),
    EXPRESS(2);

    private final int transitBusinessDays;

    ShippingSpeed(int transitBusinessDays) {
        this.transitBusinessDays = transitBusinessDays;
    }

    public int transitBusinessDays() {
        return transitBusinessDays;
    }
}
