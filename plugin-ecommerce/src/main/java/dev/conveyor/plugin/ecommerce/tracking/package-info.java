/**
 * Tracking: the {@code ecommerce.order-update.v1} message on the tracking queue, which carries both Conveyor's own
 * customer updates and carriers' scans, its rules per kind, and the UPU S10 tracking numbers it names.
 */
package dev.conveyor.plugin.ecommerce.tracking;
