package dev.conveyor.engine.storage;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/**
 * Stands in for Microsoft Entra ID: issues, for each identity, a token of the shape Azure Storage accepts (issuer
 * {@code https://sts.windows.net/<tenant>/}, audience {@code https://storage.azure.com}, a lifetime), which is what
 * Azurite's {@code --oauth basic} checks; it does not check signatures, so these carry none worth checking. Records
 * which identity was asked for which scope.
 */
final class TestTokens {

    static final String DIRECTORY = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    /** One request for a token: the identity's client id ("" for the platform's default one) and the scopes. */
    record Issued(String identity, List<String> scopes) {
    }

    private final List<Issued> issued = new CopyOnWriteArrayList<>();
    private final Duration lifetime;

    private TestTokens(Duration lifetime) {
        this.lifetime = lifetime;
    }

    static TestTokens valid() {
        return new TestTokens(Duration.ofHours(1));
    }

    /** Tokens that expired a minute before they were issued. */
    static TestTokens expired() {
        return new TestTokens(Duration.ofMinutes(-1));
    }

    TokenCredential credentialOf(String clientId) {
        String identity = clientId == null ? "" : clientId;
        return request -> {
            issued.add(new Issued(identity, List.copyOf(request.getScopes())));
            Instant now = Instant.now();
            Instant expires = now.plus(lifetime);
            String claims = """
                    {"aud":"https://storage.azure.com","iss":"https://sts.windows.net/%s/","iat":%d,"nbf":%d,"exp":%d,\
                    "oid":"%s","tid":"%s"}""".formatted(DIRECTORY, now.getEpochSecond() - 300, now.getEpochSecond() - 300,
                    expires.getEpochSecond(), identity.isEmpty() ? "platform" : identity, DIRECTORY);
            String token = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64Url(claims) + "."
                    + base64Url("not-a-signature");
            return Mono.just(new AccessToken(token, OffsetDateTime.ofInstant(expires, ZoneOffset.UTC)));
        };
    }

    List<Issued> issued() {
        return List.copyOf(issued);
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
