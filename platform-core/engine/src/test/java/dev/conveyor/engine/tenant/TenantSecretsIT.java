package dev.conveyor.engine.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.engine.secrets.SecretCipher;
import dev.conveyor.engine.testplugin.EngineForClass;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenant secrets at rest, read from the raw rows in Postgres: the storage connection string and the settings a plugin
 * declares secret are stored only as AES-GCM ciphertext, read back decrypted, re-encrypted with the newest key after
 * a rotation, and never shown by {@code toString}.
 */
final class TenantSecretsIT {

    private static final String TOKEN = "tok-PLAINTEXT-" + UUID.randomUUID();
    private static final Sql sql = Sql.asOwner();

    @RegisterExtension
    static final EngineForClass engine = new EngineForClass(TestEngines::jobs);

    @Test
    void theRawRowHoldsNoPlaintextSecretAndTheEngineReadsThemDecrypted() {
        String tenant = newTenantWithSecrets();
        String connectionString = TestServices.get().storageConnectionString();

        Map<String, Object> raw = sql.row("select config::text as config, storage_connection_string from tenant where id = ?", tenant);
        TenantRecord record = engine.get().tenants().get(tenant);

        assertThat(raw.get("config").toString()).doesNotContain(TOKEN).contains("cvs1:");
        assertThat(raw.get("storage_connection_string").toString()).doesNotContain("AccountKey").startsWith("cvs1:");
        assertThat(record.config()).containsEntry("apiToken", TOKEN);
        assertThat(record.storageConnectionString()).isEqualTo(connectionString);
        assertThat(record.toString() + record.spec()).doesNotContain(TOKEN).doesNotContain("AccountKey");
    }

    @Test
    void aRotatedKeyReencryptsEverySecretAndTheOldKeyCanThenBeRetired() {
        String tenant = newTenantWithSecrets();
        String newKey = SecretCipher.generateKey();
        TenantStore rotated = store(newKey + "," + TestServices.SECRETS_KEY);

        assertThat(rotated.reencryptSecrets()).isPositive();

        String newKeyId = SecretCipher.of(newKey).keyIds().getFirst();
        Map<String, Object> raw = sql.row("select config::text as config, storage_connection_string from tenant where id = ?", tenant);
        assertThat(raw.get("config").toString()).contains("cvs1:" + newKeyId + ":").doesNotContain(TOKEN);
        assertThat(raw.get("storage_connection_string").toString()).startsWith("cvs1:" + newKeyId + ":");
        assertThat(store(newKey).find(tenant).orElseThrow().config()).containsEntry("apiToken", TOKEN);
        assertThatThrownBy(() -> store(TestServices.SECRETS_KEY).find(tenant)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("which is not configured").hasMessageNotContaining(TOKEN);

        // back to the tests' key, so that the other engines of this run read every tenant
        assertThat(store(TestServices.SECRETS_KEY + "," + newKey).reencryptSecrets()).isPositive();
        assertThat(engine.get().tenants().get(tenant).config()).containsEntry("apiToken", TOKEN);
    }

    private static String newTenantWithSecrets() {
        String tenant = "s-" + UUID.randomUUID().toString().substring(0, 8);
        engine.get().tenants().create(new TenantSpec(tenant, tenant, "jobs", Map.of("apiToken", TOKEN), Map.of(),
                TestServices.get().storageConnectionString()));
        return tenant;
    }

    private static TenantStore store(String keys) {
        return new TenantStore(engine.get().database(), JsonMapper.builder().build(), SecretCipher.of(keys), engine.get().plugins());
    }
}
