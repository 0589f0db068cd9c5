package dev.conveyor.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Signatures against the Standard Webhooks specification's published test vector (the one every reference
 * library tests against), and secrets as the specification shapes them.
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
