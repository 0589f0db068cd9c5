/**
 * What the engine tells operators about its work: Micrometer meters per tenant, plugin and stage, queue backlog from a
 * cached poller (the per-stage figure autoscalers read), and OpenTelemetry spans joined across queues by the envelope's
 * {@code traceparent}.
 */
package dev.conveyor.engine.telemetry;
