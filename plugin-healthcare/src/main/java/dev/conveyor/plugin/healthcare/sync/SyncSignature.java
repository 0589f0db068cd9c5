package dev.conveyor.plugin.healthcare.sync;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Conveyor-Signature} header: {@code sha256=} and the lower-case hex HMAC-SHA256 of the exact body
 * bytes, keyed with the system's secret (UTF-8). A receiver recomputes it over the raw body and compares in
 * constant time.
 */
public final class SyncSignature {

    public static final String HEADER = "X-Conveyor-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private SyncSignature() {
    }

    public static String sign(String secret, byte[] body) {
        requireNonNull(secret, "secret is null");
        requireNonNull(body, "body is null");
        return "sha256=" + HexFormat.of().formatHex(hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JDK", e);
        }
    }
}
