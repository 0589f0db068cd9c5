/**
 * Metrics, traces and backlog for operators: the engine's meters and spans wired to Boot's registry and OpenTelemetry
 * SDK, the per-stage backlog endpoint autoscalers read, ingest answers by status, and who may read them on which port.
 */
package dev.conveyor.server.telemetry;
