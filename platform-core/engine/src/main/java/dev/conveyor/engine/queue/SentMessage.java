package dev.conveyor.engine.queue;

/** Where a sent message is: its id and the pop receipt that lets the sender delete it again. */
public record SentMessage(String messageId, String popReceipt) {
}
