/**
 * The Acme Logistics plugin: orders are dispatched to a hub, shipped under a UPU S10 tracking number, tracked by
 * carriers' scans, and the customer is notified. {@link dev.conveyor.plugin.logistics.LogisticsPlugin} is what the
 * engine loads.
 */
package dev.conveyor.plugin.logistics;
