/** Accepting messages from outside (the HTTP API) onto a tenant's entry queues, idempotently. */
package dev.conveyor.engine.ingest;
