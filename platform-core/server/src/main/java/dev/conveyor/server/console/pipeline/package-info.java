/**
 * The console's live pipeline: a tenant's queues and stages drawn as a graph (laid out here, rendered as SVG on the
 * server), each stage's figures from every process running it, kept current over Server-Sent Events.
 */
package dev.conveyor.server.console.pipeline;
