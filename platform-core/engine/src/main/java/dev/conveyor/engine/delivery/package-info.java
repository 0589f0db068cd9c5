/** Consuming a stage's queue: receive with a lease, process each message once, retry, dead-letter. */
package dev.conveyor.engine.delivery;
