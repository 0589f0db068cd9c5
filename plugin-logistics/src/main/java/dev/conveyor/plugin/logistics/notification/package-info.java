/**
 * Customer notifications: one record per (tracking number, status) saying what the customer is told and
 * where. Recorded only; delivery channels that send them come later.
 */
package dev.conveyor.plugin.logistics.notification;
