/** Outbox rows the sweeper parked after repeated failures: listed for a tenant, retried on request. */
package dev.conveyor.server.outbox;
