/**
 * A tenant's topology as operators see and tune it: live depths and dead-letter counts per stage, stage overrides
 * within Azure's ranges and the operator's caps, and their audit.
 */
package dev.conveyor.engine.topology;
