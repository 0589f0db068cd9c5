/**
 * Health: whether Postgres and the queue service answer (checked at most once a second), and the Kubernetes probes:
 * liveness (the process runs) and readiness (it can take requests: Postgres answers). Details for platform admins only.
 */
package dev.conveyor.server.health;
