/**
 * Data sync: posts each appointment version to the tenant's systems of record, signed, and keeps per-system
 * sync status; failed systems are retried on their own schedule through the sync retry queue.
 */
package dev.conveyor.plugin.healthcare.sync;
