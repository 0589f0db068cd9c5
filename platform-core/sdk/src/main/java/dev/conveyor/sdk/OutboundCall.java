package dev.conveyor.sdk;

/**
 * Slow external work a handler asks the platform to run once its transaction has committed (see
 * {@link HandlerContext#afterCommit}): outside any transaction and without a database connection, with the
 * platform's {@link EgressHttp}. It should not throw: return the failure as its result, so that the
 * {@link Outcome} can record it.
 *
 * @param <R> what the call produced, handed to its {@link Outcome}
 */
@FunctionalInterface
public interface OutboundCall<R> {

    R call(EgressHttp http);

    /**
     * Records what an {@link OutboundCall} produced, in a second, short transaction of the same tenant; its context
     * lets it write entities and emit or schedule to the stage's queues (through the outbox, as a handler does). It
     * cannot start another call.
     */
    @FunctionalInterface
    interface Outcome<R> {
        void record(R result, HandlerContext context) throws Exception;
    }
}
