package dev.conveyor.engine.secrets;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.Hashing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets (tenant storage connection strings, plugin settings declared secret) for storage, with
 * AES-256-GCM. The keys come from configuration ({@code CONVEYOR_SECRETS_KEY}): base64 of 32 random bytes each,
 * comma-separated, newest first. The newest encrypts; any of them decrypts, so a key is rotated by putting a new
 * one in front and keeping the old one until the engine has re-encrypted what it holds (it does at start).
 *
 * <p>A stored value reads {@code cvs1:<key id>:<base64 of nonce, ciphertext and tag>}; the key id is the start of the
 * SHA-256 of the key's base64, so keys need no names. Each value is bound to where it is stored (the "context", such as the
 * tenant and field), so a ciphertext copied to another tenant's row does not decrypt.
 */
public final class SecretCipher {

    private static final String PREFIX = "cvs1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Key id to key, newest first. Empty: no key configured, nothing can be encrypted. */
    private final Map<String, SecretKeySpec> keys;

    private SecretCipher(Map<String, SecretKeySpec> keys) {
        this.keys = keys;
    }

    /**
     * The keys in {@code base64Keys}: comma-separated, newest first.
     *
     * @throws IllegalArgumentException naming the entry that is not base64 of 32 bytes
     */
    public static SecretCipher of(String base64Keys) {
        requireNonNull(base64Keys, "base64Keys is null");
        Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
        List<String> entries = List.of(base64Keys.split(","));
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i).strip();
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry);
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
            if (key.length != KEY_BYTES) {
                throw new IllegalArgumentException("secrets key " + (i + 1) + " of " + entries.size() + " is not base64 of "
                        + KEY_BYTES + " bytes; generate one with: openssl rand -base64 32");
            }
            keys.putIfAbsent(keyId(key), new SecretKeySpec(key, "AES"));
        }
        return new SecretCipher(keys);
    }

    /** No key: values stored in plaintext earlier can be read, but no secret can be stored. */
    public static SecretCipher none() {
        return new SecretCipher(Map.of());
    }

    /** A new key, base64 of 32 random bytes. */
    public static String generateKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Whether {@code stored} is a value this class wrote (rather than plaintext from before encryption). */
    public static boolean isEncrypted(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** The ids of the configured keys, newest first (shown in errors and logs; they reveal nothing of the keys). */
    public List<String> keyIds() {
        return new ArrayList<>(keys.keySet());
    }

    /**
     * Encrypts {@code plaintext} with the newest key, bound to {@code context}.
     *
     * @throws IllegalStateException when no key is configured
     */
    public String encrypt(String plaintext, String context) {
        requireNonNull(plaintext, "plaintext is null");
        requireNonNull(context, "context is null");
        if (keys.isEmpty()) {
            throw new IllegalStateException("cannot store " + context + ": no secrets key is configured; set"
                    + " CONVEYOR_SECRETS_KEY (generate one with: openssl rand -base64 32)");
        }
        Map.Entry<String, SecretKeySpec> newest = keys.entrySet().iterator().next();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, newest.getValue(), nonce, context,
                plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] stored = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        return PREFIX + newest.getKey() + ":" + Base64.getEncoder().encodeToString(stored);
    }

    /**
     * The plaintext of {@code stored}; a value stored before encryption (no {@code cvs1:} prefix) is returned as is.
     *
     * @throws IllegalStateException when its key is not configured or the value was altered or moved
     */
    public String decrypt(String stored, String context) {
        if (!isEncrypted(stored)) {
            return stored;
        }
        String[] parts = stored.split(":", 3);
        SecretKeySpec key = parts.length == 3 ? keys.get(parts[1]) : null;
        if (key == null) {
            throw new IllegalStateException(context + " was encrypted with secrets key '" + (parts.length == 3 ? parts[1] : "?")
                    + "', which is not configured (configured: " + String.join(", ", keyIds())
                    + "); add that key back to CONVEYOR_SECRETS_KEY, after the newest");
        }
        byte[] value;
        try {
            value = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(context + " is not a well-formed encrypted value", e);
        }
        if (value.length <= NONCE_BYTES) {
            throw new IllegalStateException(context + " is not a well-formed encrypted value");
        }
        byte[] nonce = Arrays.copyOf(value, NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(value, NONCE_BYTES, value.length);
        return new String(crypt(Cipher.DECRYPT_MODE, key, nonce, context, sealed), StandardCharsets.UTF_8);
    }

    /** Whether {@code stored} should be written again: plaintext, or encrypted with a key other than the newest. */
    public boolean needsReencryption(String stored) {
        if (stored == null || keys.isEmpty()) {
            return false;
        }
        return !stored.startsWith(PREFIX + keys.keySet().iterator().next() + ":");
    }

    private static byte[] crypt(int mode, SecretKeySpec key, byte[] nonce, String context, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // The message names neither key nor value; an AEADBadTagException means altered, moved or the wrong key.
            throw new IllegalStateException(context + " could not be " + (mode == Cipher.ENCRYPT_MODE ? "encrypted" : "decrypted")
                    + " (" + e.getClass().getSimpleName() + "): it was altered, copied from elsewhere, or the key differs", e);
        }
    }

    private static String keyId(byte[] key) {
        return Hashing.sha256Hex(Base64.getEncoder().encodeToString(key)).substring(0, 8);
    }

    @Override
    public String toString() {
        return "SecretCipher[keys=" + keyIds() + "]";
    }
}
