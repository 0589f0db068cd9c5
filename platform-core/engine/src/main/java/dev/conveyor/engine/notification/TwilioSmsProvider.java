package dev.conveyor.engine.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.egress.EgressHttpClient;
import dev.conveyor.sdk.EgressException;
import dev.conveyor.sdk.EgressResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through an HTTP API in the shape of Twilio's Messages resource, which other providers copy: a form POST to
 * {@code {baseUrl}/2010-04-01/Accounts/{accountSid}/Messages.json} with {@code To}, {@code From} and {@code Body},
 * basic authentication with the account id and token, and the delivery's idempotency key as
 * {@code I-Twilio-Idempotency-Token}. Calls go through the egress client, so its policy applies. The answer's
 * {@code sid} is the provider message id; 429 and 5xx are retried (429 no sooner than its {@code Retry-After}),
 * Twilio's codes for numbers that cannot receive SMS bounce.
 */
public final class TwilioSmsProvider implements ChannelProvider {

    /** Twilio's error codes for a recipient number no message can reach (invalid, not mobile, unreachable, blocked). */
    private static final Set<Integer> RECIPIENT_CODES = Set.of(21211, 21214, 21217, 21408, 21610, 21612, 21614);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final URI messages;
    private final String authorization;
    private final String from;
    private final EgressHttpClient egress;

    /**
     * @param baseUrl    such as {@code https://api.twilio.com}
     * @param accountSid the account id (basic auth user, and part of the path)
     * @param authToken  the account's token (basic auth password)
     * @param from       the sender: a phone number, or a messaging service id ({@code MG...})
     */
    public TwilioSmsProvider(String name, String baseUrl, String accountSid, String authToken, String from,
            EgressHttpClient egress) {
        this.name = requireNonNull(name, "name is null");
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(accountSid, "accountSid is null");
        requireNonNull(authToken, "authToken is null");
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.messages = URI.create(base + "/2010-04-01/Accounts/" + URLEncoder.encode(accountSid, StandardCharsets.UTF_8)
                + "/Messages.json");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken)
                .getBytes(StandardCharsets.UTF_8));
        this.from = requireNonNull(from, "from is null");
        this.egress = requireNonNull(egress, "egress is null");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String send(OutgoingMessage message) throws ProviderFailure {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", message.to());
        form.put(from.startsWith("MG") ? "MessagingServiceSid" : "From", from);
        form.put("Body", message.text());
        byte[] body = form.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8);
        EgressHttpClient.Answer answer;
        try {
            answer = egress.exchange(messages, Map.of(
                    "Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
                    "Accept", "application/json",
                    "Authorization", authorization,
                    "I-Twilio-Idempotency-Token", message.idempotencyKey()), body, TIMEOUT);
        } catch (EgressException e) {
            throw new ProviderFailure(e.category() == EgressException.Category.REFUSED ? ErrorCategory.PROVIDER_REJECTED
                    : ErrorCategory.PROVIDER_UNAVAILABLE, name + ": " + e.getMessage());
        }
        EgressResponse response = new EgressResponse(answer.status(), answer.body());
        JsonNode json = parse(response.body());
        if (response.successful()) {
            String sid = json == null ? null : json.path("sid").asString(null);
            if (sid == null || sid.isBlank()) {
                throw new ProviderFailure(ErrorCategory.PROVIDER_UNAVAILABLE, name + ": " + response.statusText()
                        + " without a message sid");
            }
            return sid;
        }
        int code = json == null ? 0 : json.path("code").asInt(0);
        String detail = name + ": " + response.statusText() + (code == 0 ? "" : " (error " + code + ")");
        if (response.status() == 429) {
            throw new ProviderFailure(ErrorCategory.RATE_LIMITED, detail, retryAfter(answer.header("Retry-After")));
        }
        if (response.status() >= 500) {
            throw new ProviderFailure(ErrorCategory.PROVIDER_UNAVAILABLE, detail);
        }
        if (RECIPIENT_CODES.contains(code)) {
            throw new ProviderFailure(ErrorCategory.RECIPIENT_REJECTED, detail);
        }
        throw new ProviderFailure(ErrorCategory.PROVIDER_REJECTED, detail);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    @Override
    public String toString() {
        return "TwilioSmsProvider[" + name + ", " + messages.getHost() + "]";
    }
}
