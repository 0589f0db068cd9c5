/**
 * The {@code notify} stage: applies carriers' scans to parcels and orders, and records what the customer is told,
 * once per (order, kind, tracking number). Recorded only; delivery channels that send them come later.
 */
package dev.conveyor.plugin.ecommerce.notification;
