package dev.conveyor.plugin.healthcare.sync;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.settings.SystemOfRecord;
import dev.conveyor.sdk.EgressException;
import dev.conveyor.sdk.EgressHttp;
import dev.conveyor.sdk.EgressResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts an appointment version to a system of record through the platform's {@link EgressHttp} (which decides what
 * may be reached), within a 10-second deadline, signed with the system's secret. The outcome of a failure is a
 * category ("HTTP 503", "timed out", "connection failed", "refused by egress policy"), never the response body (a
 * receiver may echo health information back) nor the exception's text (which would describe the network).
 */
public final class SystemOfRecordClient {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    public static final String TIMESTAMP_HEADER = "X-Conveyor-Timestamp";
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private SystemOfRecordClient() {
    }

    /** Posts {@code payload} to {@code system}; never throws for a failed post. */
    public static SyncOutcome post(EgressHttp http, SystemOfRecord system, SyncPayload payload, Instant now) {
        requireNonNull(http, "http is null");
        requireNonNull(system, "system is null");
        requireNonNull(payload, "payload is null");
        requireNonNull(now, "now is null");
        byte[] body = payload.toJson();
        try {
            EgressResponse response = http.post(system.url(), headers(system, body, payload.idempotencyKey(), now), body, TIMEOUT);
            return response.successful() ? SyncOutcome.success() : SyncOutcome.failed(response.statusText());
        } catch (EgressException e) {
            return SyncOutcome.failed(e.category().text());
        }
    }

    static Map<String, String> headers(SystemOfRecord system, byte[] body, String idempotencyKey, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(SyncSignature.HEADER, SyncSignature.sign(system.secret(), body));
        headers.put(TIMESTAMP_HEADER, Long.toString(now.getEpochSecond()));
        headers.put(IDEMPOTENCY_KEY_HEADER, idempotencyKey);
        return headers;
    }
}
