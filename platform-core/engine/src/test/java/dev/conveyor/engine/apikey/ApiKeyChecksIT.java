package dev.conveyor.engine.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.EngineForClass;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.services.MutableClock;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * API-key checks on real Postgres: answered from memory (a flood of made-up tokens reads no key row), revocation at
 * once on the revoking instance and within {@link ApiKeys#CHECK_TTL} on another, expiry, bootstrap key rotation, and
 * a deleted tenant's keys refused at once.
 */
final class ApiKeyChecksIT {

    private static final SecureRandom RANDOM = new SecureRandom();

    @RegisterExtension
    static final EngineForClass engine = new EngineForClass(TestEngines::jobs);

    @Test
    void aFloodOfMadeUpTokensReadsNoKeyRowAndReloadsTheIdsAtMostOnceASecond() {
        ApiKeys keys = engine.get().apiKeys();
        String tenant = newTenant();
        IssuedKey real = keys.create(tenant, "real", Scope.TENANT_READ, null, "test");
        assertThat(keys.authenticate(real.token())).isPresent();
        long lookups = keys.keyLookups();
        long reloads = keys.idReloads();
        long started = System.nanoTime();

        int tokens = 5_000;
        for (int i = 0; i < tokens; i++) {
            assertThat(keys.authenticate("cvk_" + hex(6) + "_" + hex(32))).isEmpty();
            // a real key id with made-up secrets: its row is in memory, the secret does not match
            assertThat(keys.authenticate("cvk_" + real.key().id() + "_" + hex(32))).isEmpty();
        }

        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertThat(keys.keyLookups() - lookups).as("key rows read for %d made-up tokens in %d s", 2 * tokens, seconds)
                .isLessThanOrEqualTo(seconds / ApiKeys.CHECK_TTL.toSeconds() + 1);
        assertThat(keys.idReloads() - reloads).as("id list reloads in %d s", seconds).isLessThanOrEqualTo(seconds + 1);
        assertThat(keys.authenticate(real.token())).isPresent();
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceHereAndWithinTheCheckTtlOnAnotherInstance() {
        String tenant = newTenant();
        ApiKeys here = engine.get().apiKeys();
        ApiKeys elsewhere = new ApiKeys(engine.get().database(), Clock.systemUTC());
        IssuedKey key = here.create(tenant, "reader", Scope.TENANT_READ, null, "test");
        assertThat(here.authenticate(key.token())).isPresent();
        await().atMost(Duration.ofSeconds(5)).until(() -> elsewhere.authenticate(key.token()).isPresent());

        here.revoke(tenant, key.key().id());

        assertThat(here.authenticate(key.token())).isEmpty();
        await().atMost(ApiKeys.CHECK_TTL.plusSeconds(2)).until(() -> elsewhere.authenticate(key.token()).isEmpty());
    }

    @Test
    void aKeyMayExpireAndIsRefusedAfterwards() {
        String tenant = newTenant();
        MutableClock clock = new MutableClock(Instant.now());
        ApiKeys keys = new ApiKeys(engine.get().database(), clock);
        IssuedKey key = keys.create(tenant, "for a day", Scope.TENANT_INGEST, clock.instant().plus(Duration.ofDays(1)), "test");

        assertThat(keys.authenticate(key.token())).isPresent();
        assertThat(keys.list(tenant)).singleElement().satisfies(listed -> assertThat(listed.expiresAt()).isNotNull());
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(keys.authenticate(key.token())).isEmpty();
        assertThatThrownBy(() -> keys.create(tenant, "too late", Scope.TENANT_READ, clock.instant().minusSeconds(1), "test"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("expiresAt");
    }

    @Test
    void aNewConfiguredBootstrapKeyRevokesThePreviousOne() {
        ApiKeys keys = engine.get().apiKeys();
        String first = "cvk_" + hex(6) + "_" + hex(32);
        String second = "cvk_" + hex(6) + "_" + hex(32);

        keys.bootstrap(Optional.of(first));
        assertThat(keys.authenticate(first)).hasValueSatisfying(key -> assertThat(key.scope()).isEqualTo(Scope.PLATFORM_ADMIN));
        keys.bootstrap(Optional.of(second));

        assertThat(keys.authenticate(first)).isEmpty();
        assertThat(keys.authenticate(second)).isPresent();
        keys.bootstrap(Optional.of(second));
        assertThat(keys.authenticate(second)).as("restarting with the same key keeps it").isPresent();
    }

    @Test
    void deletingATenantRefusesItsKeysAtOnce() {
        String tenant = newTenant();
        IssuedKey reader = engine.get().apiKeys().create(tenant, "reader", Scope.TENANT_READ, null, "test");
        IssuedKey admin = engine.get().apiKeys().create(tenant, "admin", Scope.TENANT_ADMIN, null, "test");
        assertThat(engine.get().apiKeys().authenticate(reader.token())).isPresent();

        engine.get().tenants().delete(tenant, true);

        assertThat(engine.get().apiKeys().authenticate(reader.token())).isEmpty();
        assertThat(engine.get().apiKeys().authenticate(admin.token())).isEmpty();
        assertThat(engine.get().apiKeys().list(tenant)).allSatisfy(key -> assertThat(key.revoked()).isTrue());
    }

    private static String newTenant() {
        String tenant = "k-" + UUID.randomUUID().toString().substring(0, 8);
        engine.get().tenants().create(TenantSpec.of(tenant, "jobs"));
        return tenant;
    }

    private static String hex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
