/** The queue service as the engine uses it: physical queue names and the Azure Storage Queues transport. */
package dev.conveyor.engine.queue;
