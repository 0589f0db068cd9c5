package dev.conveyor.engine.notification;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed unsubscribe links: whoever holds one may opt its recipient out of one channel for one kind (or every kind),
 * and nothing else; the signature (HMAC-SHA256 under the platform's key) keeps anyone from forging one for another
 * recipient or tenant. The link carries ids only, no address.
 */
public final class UnsubscribeLinks {

    /** The path the server answers at; the token is its {@code token} parameter. */
    public static final String PATH = "/api/v1/notifications/unsubscribe";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;
    private final String baseUrl;

    /**
     * @param key     the signing key (at least 32 bytes)
     * @param baseUrl where recipients reach the server, such as {@code https://conveyor.example.com}
     */
    public UnsubscribeLinks(byte[] key, String baseUrl) {
        requireNonNull(key, "key is null");
        if (key.length < 32) {
            throw new IllegalArgumentException("the unsubscribe signing key must have at least 32 bytes");
        }
        this.key = key.clone();
        String base = requireNonNull(baseUrl, "baseUrl is null");
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** What a link opts out of. {@code kind} is {@code *} for every kind. */
    public record OptOut(String tenantId, String recipientId, Channel channel, String kind) {
    }

    public String link(OptOut optOut) {
        return baseUrl + PATH + "?token=" + token(optOut);
    }

    String token(OptOut optOut) {
        String payload = String.join("\n", optOut.tenantId(), optOut.recipientId(), optOut.channel().name(), optOut.kind());
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(sign(bytes));
    }

    /**
     * The opt-out a token stands for.
     *
     * @throws IllegalArgumentException when it is malformed or its signature does not match (a forged or altered link)
     */
    public OptOut verify(String token) {
        if (token == null || token.length() > 2000) {
            throw new IllegalArgumentException("the unsubscribe link is incomplete; open the link from the message again");
        }
        int dot = token.indexOf('.');
        try {
            byte[] payload = DECODER.decode(token.substring(0, Math.max(dot, 0)));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (dot < 1 || !MessageDigest.isEqual(sign(payload), signature)) {
                throw new IllegalArgumentException("the unsubscribe link's signature does not match; open the link from"
                        + " the message again");
            }
            List<String> parts = List.of(new String(payload, StandardCharsets.UTF_8).split("\n", -1));
            if (parts.size() != 4) {
                throw new IllegalArgumentException("the unsubscribe link is malformed; open the link from the message again");
            }
            return new OptOut(parts.get(0), parts.get(1), Channel.valueOf(parts.get(2)), parts.get(3));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("the unsubscribe link")) {
                throw e;
            }
            throw new IllegalArgumentException("the unsubscribe link is malformed; open the link from the message again", e);
        }
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
