package dev.conveyor.engine.ingest;

/** A message accepted onto an entry queue; {@code replayed} when an earlier request with the same key made it. */
public record Accepted(String messageId, String queue, boolean replayed) {
}
