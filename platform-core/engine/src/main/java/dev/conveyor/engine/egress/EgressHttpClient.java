package dev.conveyor.engine.egress;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.egress.EgressPolicy.RefusedAddressException;
import dev.conveyor.sdk.EgressException;
import dev.conveyor.sdk.EgressException.Category;
import dev.conveyor.sdk.EgressHttp;
import dev.conveyor.sdk.EgressResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's {@link EgressHttp}, on Apache HttpClient 5: addresses resolved and pinned through the
 * {@link EgressPolicy} ({@link PolicyDnsResolver}), no redirects, no automatic retries, no cookies, no proxy from
 * system properties; each call aborted at its deadline (connect, send, headers and body together) and its answer
 * read up to a size limit. Failures reach the caller as categories; the exception itself is logged at debug for
 * the operator. One instance (one connection pool) serves every tenant: a pool slot is waited for within the
 * call's own deadline, and each host has its own share, so one tenant's stalled server cannot take them all.
 */
public final class EgressHttpClient implements EgressHttp, AutoCloseable {

    public static final Duration DEFAULT_MAX_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(EgressHttpClient.class);
    /** Set by the client itself from the entity and the target; a caller's value would contradict it. */
    private static final Set<String> MANAGED_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection");

    private final EgressPolicy policy;
    private final Duration maxTimeout;
    private final int maxResponseBytes;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("conveyor-egress-deadlines").factory());

    public EgressHttpClient(EgressPolicy policy) {
        this(policy, DEFAULT_MAX_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES);
    }

    /**
     * @param maxTimeout       the longest deadline a call may ask for
     * @param maxResponseBytes the largest answer body read; a larger one fails as {@link Category#RESPONSE_TOO_LARGE}
     */
    public EgressHttpClient(EgressPolicy policy, Duration maxTimeout, int maxResponseBytes) {
        this.policy = requireNonNull(policy, "policy is null");
        this.maxTimeout = requireNonNull(maxTimeout, "maxTimeout is null");
        if (maxTimeout.isNegative() || maxTimeout.isZero() || maxResponseBytes < 0) {
            throw new IllegalArgumentException("maxTimeout must be positive and maxResponseBytes not negative");
        }
        this.maxResponseBytes = maxResponseBytes;
        Timeout longest = Timeout.of(maxTimeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new PolicyDnsResolver(policy))
                        .setMaxConnTotal(256)
                        .setMaxConnPerRoute(16)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(longest)
                                .setSocketTimeout(longest)
                                .setTimeToLive(TimeValue.ofMinutes(5))
                                .build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .setUserAgent("Conveyor")
                .build();
    }

    public EgressPolicy policy() {
        return policy;
    }

    @Override
    public EgressResponse post(URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws EgressException {
        Answer answer = exchange(uri, headers, body, timeout);
        return new EgressResponse(answer.status(), answer.body());
    }

    /**
     * An answer with the headers the platform's own callers read (such as {@code Retry-After}), names in lower case,
     * the first value of each.
     */
    public record Answer(int status, byte[] body, Map<String, String> headers) {

        /** The header's value, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** {@link #post}, with the answer's headers: for the platform's own deliveries (webhooks). */
    public Answer exchange(URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws EgressException {
        requireNonNull(uri, "uri is null");
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
        requireNonNull(timeout, "timeout is null");
        policy.checkUrl(uri);
        Duration deadline = timeout.compareTo(maxTimeout) > 0 || timeout.isNegative() || timeout.isZero() ? maxTimeout : timeout;
        HttpPost request = new HttpPost(uri);
        headers.forEach((name, value) -> {
            if (MANAGED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header '" + name + "' is set by the egress client; leave it out");
            }
            request.addHeader(name, value);
        });
        request.setEntity(new ByteArrayEntity(body, null));
        request.setConfig(requestConfig(deadline));
        HttpHost target = new HttpHost(uri.getScheme().toLowerCase(Locale.ROOT), bare(uri.getHost()), uri.getPort());
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> abort = deadlines.schedule(() -> {
            timedOut.set(true);
            request.cancel();
        }, deadline.toNanos(), TimeUnit.NANOSECONDS);
        try (ClassicHttpResponse response = client.executeOpen(target, request, null)) {
            byte[] answer = read(response.getEntity());
            if (answer == null) {
                request.cancel(); // the rest of an oversized body is not read: the connection is dropped
                throw new EgressException(Category.RESPONSE_TOO_LARGE);
            }
            Map<String, String> answerHeaders = new LinkedHashMap<>();
            for (Header header : response.getHeaders()) {
                answerHeaders.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
            }
            return new Answer(response.getCode(), answer, Map.copyOf(answerHeaders));
        } catch (RefusedAddressException e) {
            log.debug("egress to {} refused: {}", uri.getHost(), e.getMessage());
            throw new EgressException(Category.REFUSED);
        } catch (IOException | RuntimeException e) {
            boolean late = timedOut.get() || e instanceof InterruptedIOException;
            log.debug("egress to {} failed ({})", uri.getHost(), late ? "timed out" : "connection failed", e);
            throw new EgressException(late ? Category.TIMED_OUT : Category.CONNECTION_FAILED);
        } finally {
            abort.cancel(false);
        }
    }

    @SuppressWarnings("deprecation") // the per-request connect timeout: the call's deadline may be shorter than the pool's
    private static RequestConfig requestConfig(Duration deadline) {
        Timeout timeout = Timeout.of(deadline);
        return RequestConfig.custom()
                .setConnectionRequestTimeout(timeout)
                .setConnectTimeout(timeout)
                .setResponseTimeout(timeout)
                .setRedirectsEnabled(false)
                .build();
    }

    /** The body, or null when it is larger than {@link #maxResponseBytes}. */
    private byte[] read(HttpEntity entity) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        // Not closed here: closing drains what is left, which for an oversized body is what must not be read.
        InputStream in = entity.getContent();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int total = 0;
        int read;
        while ((read = in.read(buffer, 0, (int) Math.min(buffer.length, maxResponseBytes + 1L - total))) > 0) {
            out.write(buffer, 0, read);
            total += read;
            if (total > maxResponseBytes) {
                return null;
            }
        }
        return out.toByteArray();
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            log.warn("could not close the egress HTTP client: {}", e.toString());
        }
    }
}
