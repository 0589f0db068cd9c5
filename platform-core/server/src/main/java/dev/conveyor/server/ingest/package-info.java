/** POST endpoints that put messages on a tenant's entry queues (for example orders). */
package dev.conveyor.server.ingest;
