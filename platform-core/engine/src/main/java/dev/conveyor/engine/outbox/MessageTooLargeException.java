package dev.conveyor.engine.outbox;

/** An encoded message larger than a queue message may be (64 KiB as sent). */
public final class MessageTooLargeException extends dev.conveyor.engine.EngineException {

    public MessageTooLargeException(String messageType, int bytes, int limit) {
        super(dev.conveyor.engine.ErrorCode.TOO_LARGE, messageType + " message is " + bytes + " bytes once encoded, over the queue limit of " + limit
                + " bytes; send less data per message");
    }
}
