/**
 * Tracking: the {@code ecommerce.order-update.v1} message on the tracking queue, which carries both Conveyor's own
 * customer updates and carriers' scans, and the fields each kind of it needs.
 */
package dev.conveyor.plugin.ecommerce.tracking;
