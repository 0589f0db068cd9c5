package dev.conveyor.plugin.ecommerce.fulfillment;

/** Units of one SKU held for the order in one warehouse. */
public record ReservedItem(String warehouse, String sku, int quantity) {
}
