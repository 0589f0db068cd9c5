package dev.conveyor.bench;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import reactor.core.publisher.Mono;

/**
 * Counts storage operations (billed transactions) at the HTTP layer: every request the SDK sends, retries included,
 * by kind (send, receive, delete, update, other), so a run can say where its operations went.
 */
final class StorageOperations implements HttpPipelinePolicy {

    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();

    long count() {
        return byKind.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** A copy of the counts by kind so far. */
    Map<String, Long> byKind() {
        Map<String, Long> copy = new TreeMap<>();
        byKind.forEach((kind, adder) -> copy.put(kind, adder.sum()));
        return copy;
    }

    /** Records one operation of {@code kind} that did not go through HTTP (the Azure model counts its own). */
    void record(String kind) {
        byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        record(kind(context.getHttpRequest()));
        return next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        record(kind(context.getHttpRequest()));
        return next.processSync();
    }

    private static String kind(HttpRequest request) {
        String path = request.getUrl().getPath();
        HttpMethod method = request.getHttpMethod();
        if (!path.contains("/messages")) {
            return "other";
        }
        String query = request.getUrl().getQuery() == null ? "" : request.getUrl().getQuery();
        return switch (method) {
            case POST -> "send";
            case GET -> query.contains("peekonly=true") ? "peek" : "receive";
            case DELETE -> "delete";
            case PUT -> "update";
            default -> "other";
        };
    }
}
