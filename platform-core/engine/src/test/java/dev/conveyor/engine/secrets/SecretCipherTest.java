package dev.conveyor.engine.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SecretCipherTest {

    private static final String CONTEXT = "setting 'apiToken' of tenant 'acme'";

    @Test
    void encryptsWithTheNewestKeyAndDecryptsWithAnyConfiguredOne() {
        String oldKey = SecretCipher.generateKey();
        String newKey = SecretCipher.generateKey();
        SecretCipher before = SecretCipher.of(oldKey);
        SecretCipher rotated = SecretCipher.of(newKey + "," + oldKey);

        String stored = before.encrypt("s3cret-value", CONTEXT);

        assertThat(stored).startsWith("cvs1:" + before.keyIds().getFirst() + ":").doesNotContain("s3cret");
        assertThat(rotated.decrypt(stored, CONTEXT)).isEqualTo("s3cret-value");
        assertThat(rotated.needsReencryption(stored)).isTrue();
        assertThat(rotated.needsReencryption(rotated.encrypt("s3cret-value", CONTEXT))).isFalse();
        assertThat(before.encrypt("s3cret-value", CONTEXT)).as("a fresh nonce each time").isNotEqualTo(stored);
    }

    @Test
    void aValueMovedToAnotherTenantOrAlteredOrUnderAnUnknownKeyDoesNotDecrypt() {
        SecretCipher cipher = SecretCipher.of(SecretCipher.generateKey());
        String stored = cipher.encrypt("s3cret-value", CONTEXT);
        String altered = stored.substring(0, stored.length() - 4) + (stored.endsWith("AAAA") ? "BBBB" : "AAAA");

        assertThatThrownBy(() -> cipher.decrypt(stored, "setting 'apiToken' of tenant 'other'"))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> cipher.decrypt(altered, CONTEXT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SecretCipher.of(SecretCipher.generateKey()).decrypt(stored, CONTEXT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("which is not configured");
    }

    @Test
    void plaintextFromBeforeEncryptionIsReadAndMarkedForReencryption() {
        SecretCipher cipher = SecretCipher.of(SecretCipher.generateKey());

        assertThat(cipher.decrypt("legacy-plaintext", CONTEXT)).isEqualTo("legacy-plaintext");
        assertThat(cipher.needsReencryption("legacy-plaintext")).isTrue();
        assertThatThrownBy(() -> SecretCipher.none().encrypt("x", CONTEXT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONVEYOR_SECRETS_KEY");
        assertThatThrownBy(() -> SecretCipher.of("c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openssl rand -base64 32");
        assertThat(cipher.toString()).doesNotContain(cipher.encrypt("x", CONTEXT).split(":")[2]);
    }

    @Test
    void generatedCredentialFilesAreReadableByTheirOwnerOnly(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("state/admin-key");

        String key = OwnerOnlyFiles.readOrCreate(file, () -> "cvk_generated");
        Path legacy = Files.writeString(directory.resolve("old-key"), "cvk_old\n");
        Files.setPosixFilePermissions(legacy, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(key).isEqualTo("cvk_generated");
        assertThat(OwnerOnlyFiles.readOrCreate(file, () -> "cvk_other")).isEqualTo("cvk_generated");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(OwnerOnlyFiles.read(legacy)).hasValue("cvk_old");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(legacy))).isEqualTo("rw-------");
    }
}
