package dev.conveyor.plugin.healthcare.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

final class SyncSignatureTest {

    @Test
    void signsWithHmacSha256AsInRfc4231() {
        // RFC 4231, test case 2.
        assertThat(SyncSignature.sign("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void matchesRfc4231TestCase1() {
        byte[] key = new byte[20];
        Arrays.fill(key, (byte) 0x0b);

        assertThat(HexFormat.of().formatHex(SyncSignature.hmacSha256(key, "Hi There".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }

    @Test
    void changesWithEveryByteOfTheBodyAndTheSecret() {
        byte[] body = "{\"appointmentId\":\"A-1\",\"version\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] other = "{\"appointmentId\":\"A-1\",\"version\":2}".getBytes(StandardCharsets.UTF_8);

        assertThat(SyncSignature.sign("secret", body)).isNotEqualTo(SyncSignature.sign("secret", other))
                .isNotEqualTo(SyncSignature.sign("secret2", body))
                .matches("sha256=[0-9a-f]{64}");
    }
}
