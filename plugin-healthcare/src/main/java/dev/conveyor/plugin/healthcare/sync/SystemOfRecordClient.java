package dev.conveyor.plugin.healthcare.sync;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.settings.SystemOfRecord;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Posts appointment versions to systems of record, all systems at once, each with a 10-second timeout. Signs
 * each request with the system's secret. The outcome of a failure names the HTTP status or the exception, never
 * the response body (a receiver may echo health information back).
 */
public final class SystemOfRecordClient {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    public static final String TIMESTAMP_HEADER = "X-Conveyor-Timestamp";
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private final HttpClient httpClient;

    public SystemOfRecordClient(HttpClient httpClient) {
        this.httpClient = requireNonNull(httpClient, "httpClient is null");
    }

    /** The client over the one {@link HttpClient} every tenant shares. */
    public static SystemOfRecordClient shared() {
        return new SystemOfRecordClient(SharedHttpClient.INSTANCE);
    }

    /** Posts {@code payload} to every system, in parallel; the outcome per system name. Never throws for a failed post. */
    public Map<String, SyncOutcome> post(List<SystemOfRecord> systems, SyncPayload payload, Instant now) {
        requireNonNull(systems, "systems is null");
        requireNonNull(payload, "payload is null");
        requireNonNull(now, "now is null");
        byte[] body = payload.toJson();
        Map<String, CompletableFuture<SyncOutcome>> pending = new LinkedHashMap<>();
        for (SystemOfRecord system : systems) {
            pending.put(system.name(), httpClient.sendAsync(request(system, body, payload.idempotencyKey(), now),
                            HttpResponse.BodyHandlers.discarding())
                    .handle((response, error) -> error == null ? outcome(response.statusCode()) : failure(error)));
        }
        Map<String, SyncOutcome> outcomes = new LinkedHashMap<>();
        pending.forEach((name, outcome) -> outcomes.put(name, outcome.join()));
        return outcomes;
    }

    static HttpRequest request(SystemOfRecord system, byte[] body, String idempotencyKey, Instant now) {
        return HttpRequest.newBuilder(system.url())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(SyncSignature.HEADER, SyncSignature.sign(system.secret(), body))
                .header(TIMESTAMP_HEADER, Long.toString(now.getEpochSecond()))
                .header(IDEMPOTENCY_KEY_HEADER, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    static SyncOutcome outcome(int statusCode) {
        return statusCode >= 200 && statusCode < 300 ? SyncOutcome.success() : SyncOutcome.failed("HTTP " + statusCode);
    }

    private static SyncOutcome failure(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        String message = cause.getMessage();
        String text = cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        return SyncOutcome.failed(text.length() <= 300 ? text : text.substring(0, 300) + "…");
    }

    /** Created on first use: one connection pool and selector thread for the whole process. */
    private static final class SharedHttpClient {
        static final HttpClient INSTANCE = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                // Webhook receivers are small servers; HTTP/1.1 spares them the HTTP/2 upgrade dance.
                .version(HttpClient.Version.HTTP_1_1)
                // A redirect would resend health information somewhere the tenant did not configure.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
