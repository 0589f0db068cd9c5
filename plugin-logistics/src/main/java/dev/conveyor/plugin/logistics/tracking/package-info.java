/**
 * Tracking: the shipment of a dispatched order under a UPU S10 tracking number, its status history, the rules by
 * which carriers' scans move it, the {@code logistics.shipment-status.v1} message, and the {@code shipments} view.
 */
package dev.conveyor.plugin.logistics.tracking;
