package dev.conveyor.services;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local SMS provider speaking Twilio's Messages API, for tests and the demo: records every request and answers
 * from a script per recipient number (then 201 with a new message sid once the script is used up).
 */
public final class SmsSink implements AutoCloseable {

    public record Request(String path, String authorization, String idempotencyToken, Map<String, String> form, long receivedAtNanos) {
    }

    public record Answer(int status, String body, Map<String, String> headers) {

        public static Answer error(int status, int code) {
            return new Answer(status, "{\"code\": " + code + ", \"message\": \"scripted\", \"status\": " + status + "}",
                    Map.of());
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedQueue<Answer>> scripts = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger sids = new AtomicInteger();

    public SmsSink() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = form(body);
            requests.add(new Request(exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("I-Twilio-Idempotency-Token"), form, System.nanoTime()));
            ConcurrentLinkedQueue<Answer> script = scripts.get(String.valueOf(form.get("To")));
            Answer answer = script == null ? null : script.poll();
            if (answer == null) {
                answer = new Answer(201, "{\"sid\": \"SM" + sids.incrementAndGet() + "\", \"status\": \"queued\"}", Map.of());
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    /** Answers the next requests to {@code phone} with these, in order. */
    public void then(String phone, Answer... answers) {
        scripts.computeIfAbsent(phone, to -> new ConcurrentLinkedQueue<>()).addAll(List.of(answers));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** The requests to {@code phone}. */
    public List<Request> requestsTo(String phone) {
        return requests.stream().filter(request -> phone.equals(request.form().get("To"))).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
