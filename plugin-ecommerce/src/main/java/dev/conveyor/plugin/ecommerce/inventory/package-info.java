/**
 * Inventory: stock per (warehouse, sku), loaded through the {@code stock} action (CSV or JSON rows the platform
 * reads) and shown by the {@code stock} view, and the reservations orders hold against it, taken with conditional
 * statements so that concurrent orders never oversell.
 */
package dev.conveyor.plugin.ecommerce.inventory;
