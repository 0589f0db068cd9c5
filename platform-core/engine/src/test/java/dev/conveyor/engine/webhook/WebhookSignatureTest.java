package dev.conveyor.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.svix.Webhook;
import com.svix.exceptions.WebhookVerificationException;
import java.net.http.HttpHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Signatures against the Standard Webhooks specification's published test vector (the one every reference
 * library tests against) and Svix's own verifier, and secrets as the specification shapes them.
 */
final class WebhookSignatureTest {

    /** From the Standard Webhooks specification and its reference libraries' tests. */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void theSpecificationsTestVectorIsReproduced() {
        assertThat(WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void svixsVerifierAcceptsOurSignaturesWithEitherSecretDuringARotation() throws Exception {
        String current = WebhookSignature.generateSecret();
        String previous = WebhookSignature.generateSecret();
        String id = UUID.randomUUID().toString();
        long now = Instant.now().getEpochSecond();
        String body = "{\"type\":\"order.dispatched\",\"timestamp\":\"2030-01-01T09:00:00Z\",\"data\":{\"orderId\":\"Ö-1\"}}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpHeaders headers = HttpHeaders.of(Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(now)),
                "webhook-signature", List.of(WebhookSignature.sign(current, id, now, bytes) + " "
                        + WebhookSignature.sign(previous, id, now, bytes))), (name, value) -> true);

        new Webhook(current).verify(body, headers);
        new Webhook(previous).verify(body, headers);
        assertThatThrownBy(() -> new Webhook(WebhookSignature.generateSecret()).verify(body, headers))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook(current).verify(body + " ", headers))
                .isInstanceOf(WebhookVerificationException.class);
        assertThat(new Webhook(SPEC_SECRET).sign(SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void anyChangeToTheIdTimestampOrBodyChangesTheSignature() {
        byte[] body = SPEC_BODY.getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.sign(SPEC_SECRET, SPEC_ID + "x", SPEC_TIMESTAMP, body)).isNotEqualTo(SPEC_SIGNATURE);
        assertThat(WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP + 1, body)).isNotEqualTo(SPEC_SIGNATURE);
        assertThat(WebhookSignature.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP,
                "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(SPEC_SIGNATURE);
    }

    @Test
    void aGeneratedSecretIsWhsecAndBase64OfRandomBytes() {
        String secret = WebhookSignature.generateSecret();
        String other = WebhookSignature.generateSecret();

        assertThat(secret).startsWith("whsec_").isNotEqualTo(other);
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSizeBetween(24, 64);
        assertThat(WebhookSignature.sign(secret, SPEC_ID, SPEC_TIMESTAMP, new byte[0])).startsWith("v1,");
    }
}
