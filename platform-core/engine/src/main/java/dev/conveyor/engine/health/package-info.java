/**
 * What health probes ask of the engine: Postgres and the queue service answering within bounds, the periodic loops,
 * the outbox rows given up on.
 */
package dev.conveyor.engine.health;
