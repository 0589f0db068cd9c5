/**
 * The notify stage: applies carriers' scans to their shipments, then records what the customer is told, once per
 * (tracking number, status). Recorded only; delivery channels that send them come later.
 */
package dev.conveyor.plugin.logistics.notification;
