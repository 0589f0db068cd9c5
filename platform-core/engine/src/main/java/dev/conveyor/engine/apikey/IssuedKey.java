package dev.conveyor.engine.apikey;

/** A key just created, with its token: the only time the secret is available. */
public record IssuedKey(ApiKey key, String token) {
}
