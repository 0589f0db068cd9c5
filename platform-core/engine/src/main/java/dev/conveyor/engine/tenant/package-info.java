/** Tenants as the engine runs them: their resolved topology (physical queues per stage) and their consumers. */
package dev.conveyor.engine.tenant;
