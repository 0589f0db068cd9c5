package dev.conveyor.server.ingest;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.EngineException;
import dev.conveyor.engine.ErrorCode;
import dev.conveyor.engine.database.Database;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * The promise that an ingest request is answered in time, whatever holds it up (a Postgres that stops answering in
 * the middle of a transaction, a starved machine): the work runs on a virtual thread of its own, carrying the
 * request's trace, log context and request database scope, and the caller waits for it only until the deadline.
 * Past it the answer is 503 with Retry-After; the work may still complete, which is why the answer says that a retry
 * with the same Idempotency-Key gets its result.
 */
final class AnswerDeadline {

    private static final ExecutorService WORKERS = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("ingest-", 0).factory());

    private final Duration deadline;

    AnswerDeadline(Duration deadline) {
        this.deadline = requireNonNull(deadline, "deadline is null");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("conveyor.ingest-answer-deadline must be positive, was " + deadline);
        }
    }

    <T> T within(Supplier<T> work) {
        Context trace = Context.current();
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        Future<T> running = WORKERS.submit(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try (Scope ignored = trace.makeCurrent(); Database.RequestScope scope = Database.servingRequest()) {
                return work.get();
            } finally {
                MDC.clear();
            }
        });
        try {
            return running.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EngineException(ErrorCode.UNAVAILABLE, "the request was not answered within " + deadline.toMillis()
                    + " ms (the database or the queue service is slow to answer); it may still be taken: retry shortly"
                    + " with the same Idempotency-Key, which returns its answer if it was", Duration.ofSeconds(1), null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            throw new EngineException(ErrorCode.UNAVAILABLE, "the server is stopping; retry with the same"
                    + " Idempotency-Key", Duration.ofSeconds(1), e);
        }
    }
}
