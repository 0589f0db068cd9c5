/**
 * The engine's periodic work (outbox sweep, tenant reconciliation, retention purge): each loop survives any
 * failure of a run, counts it, and shows in health when it has not completed for too long.
 */
package dev.conveyor.engine.housekeeping;
