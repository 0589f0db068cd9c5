/** A tenant's effective topology, its per-stage overrides (versioned, audited, applied live) and their history. */
package dev.conveyor.server.topology;
