/**
 * The Conveyor engine: loads plugins, provisions tenants' queues, consumes them and runs handlers with
 * exactly-once effects in Postgres. {@link dev.conveyor.engine.ConveyorEngine} is the entry point; no Spring.
 */
package dev.conveyor.engine;
