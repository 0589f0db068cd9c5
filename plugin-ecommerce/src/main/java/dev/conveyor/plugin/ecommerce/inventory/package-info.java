/**
 * Inventory: stock per (warehouse, sku), loaded from CSV or JSON through the {@code stock} action and shown by the
 * {@code stock} view, and the reservations orders hold against it, taken so that concurrent orders never oversell.
 */
package dev.conveyor.plugin.ecommerce.inventory;
