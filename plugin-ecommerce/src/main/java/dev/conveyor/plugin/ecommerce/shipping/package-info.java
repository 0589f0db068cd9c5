/**
 * Shipping: one parcel per warehouse an order ships from, under a UPU S10 tracking number, with its status history and
 * the rules carriers' scans follow; the {@code shipments} view.
 */
package dev.conveyor.plugin.ecommerce.shipping;
