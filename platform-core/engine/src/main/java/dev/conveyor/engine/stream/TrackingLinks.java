package dev.conveyor.engine.stream;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.NotFoundException;
import dev.conveyor.sdk.Subject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring links to one subject's page and stream, for a customer's browser without an API key (what
 * e-mails and SMS carry): {@code <base>/track/<token>}, the token an HMAC-SHA256 over tenant, subject and expiry with
 * the platform's link secret. A link shows the subject's events only, which hold no personal data.
 */
public final class TrackingLinks {

    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    private static final int MIN_SECRET_BYTES = 32;

    private final SecretKeySpec key;
    private final URI baseUrl;
    private final Clock clock;

    /**
     * @param secret  at least 32 bytes; every instance of a deployment needs the same (a link minted by one opens on all)
     * @param baseUrl where customers reach the server, such as {@code https://track.example.com}
     */
    public TrackingLinks(byte[] secret, URI baseUrl, Clock clock) {
        requireNonNull(secret, "secret is null");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the tracking link secret has " + secret.length + " bytes; give at least "
                    + MIN_SECRET_BYTES + " random bytes (conveyor.links.tracking-key, base64)");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What a verified token grants: one subject of one tenant until it expires. */
    public record TrackingLink(String tenantId, Subject subject, Instant expiresAt) {
    }

    /** A link to {@code subject}'s page valid for {@code ttl}: {@code <base>/track/<token>}. */
    public URI mint(String tenantId, Subject subject, Duration ttl) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/track/" + token(tenantId, subject, ttl));
    }

    /** The token alone, for a link built elsewhere. */
    public String token(String tenantId, Subject subject, Duration ttl) {
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(subject, "subject is null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("a tracking link must live a positive time, not " + ttl);
        }
        long expires = clock.instant().plus(ttl).getEpochSecond();
        String claims = String.join("\n", tenantId, subject.kind(), subject.key(), Long.toString(expires));
        byte[] claimBytes = claims.getBytes(StandardCharsets.UTF_8);
        return ENCODE.encodeToString(claimBytes) + "." + ENCODE.encodeToString(sign(claimBytes));
    }

    /**
     * The link a token grants.
     *
     * @throws NotFoundException            when the token was not minted with this secret (or was altered)
     * @throws TrackingLinkExpiredException when it was, but has expired
     */
    public TrackingLink verify(String token) {
        TrackingLink link = parse(token);
        if (!clock.instant().isBefore(link.expiresAt())) {
            throw new TrackingLinkExpiredException("this tracking link expired at " + link.expiresAt()
                    + "; open the newest message you were sent about it, or ask the sender for a new link");
        }
        return link;
    }

    private TrackingLink parse(String token) {
        NotFoundException unknown = new NotFoundException("this tracking link is not valid: check that it was copied "
                + "whole from the message you were sent");
        if (token == null || token.length() > 2048) {
            throw unknown;
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            throw unknown;
        }
        try {
            byte[] claimBytes = DECODE.decode(token.substring(0, dot));
            byte[] signature = DECODE.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, sign(claimBytes))) {
                throw unknown;
            }
            String[] claims = new String(claimBytes, StandardCharsets.UTF_8).split("\n", -1);
            if (claims.length != 4) {
                throw unknown;
            }
            return new TrackingLink(claims[0], Subject.of(claims[1], claims[2]),
                    Instant.ofEpochSecond(Long.parseLong(claims[3])));
        } catch (IllegalArgumentException e) {
            throw unknown;
        }
    }

    private byte[] sign(byte[] claims) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(claims);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
