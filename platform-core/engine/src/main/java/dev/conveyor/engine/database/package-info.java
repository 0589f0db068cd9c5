/**
 * Postgres for the engine: how it is set up (migrations with row-level security, the pools), one persistence unit per
 * plugin, and tenant-scoped transactions with their budgets and API deadlines.
 */
package dev.conveyor.engine.database;
