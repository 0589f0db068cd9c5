package dev.conveyor.engine.apikey;

import dev.conveyor.engine.Hashing;
import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.SqlValues;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issues, lists, revokes and checks API keys. A token is {@code cvk_<id>_<secret>}: the id finds the row, the
 * secret (256 random bits) is compared with its stored SHA-256 in constant time.
 */
public final class ApiKeys {

    private static final Pattern TOKEN = Pattern.compile("cvk_([0-9a-f]{12})_([0-9a-f]{64})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;

    public ApiKeys(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    /**
     * @param tenantId the key's tenant, or {@code null} for a platform key
     */
    public IssuedKey create(String tenantId, String name, Scope scope, String actor) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new ValidationException("API key", List.of(new Violation("name", "is required, 1-100 characters")));
        }
        if (scope == null) {
            throw new ValidationException("API key", List.of(new Violation("scope",
                    "is required: one of TENANT_ADMIN, TENANT_INGEST, TENANT_READ (PLATFORM_ADMIN for platform keys)")));
        }
        if (scope.isPlatform() != (tenantId == null)) {
            throw new ValidationException("API key", List.of(new Violation("scope", tenantId == null
                    ? "a platform key must have scope PLATFORM_ADMIN"
                    : "a tenant key must have scope TENANT_ADMIN, TENANT_INGEST or TENANT_READ, not " + scope)));
        }
        String id = random(6);
        String secret = random(32);
        insert(id, tenantId, name, scope, Hashing.sha256Hex(secret), actor);
        return new IssuedKey(find(id).orElseThrow(), "cvk_" + id + "_" + secret);
    }

    /** Keys of the tenant, or platform keys when {@code tenantId} is null, newest first. */
    public List<ApiKey> list(String tenantId) {
        return database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    select id, tenant_id, name, scope, created_at, created_by, revoked_at from api_key
                    where tenant_id is not distinct from ?1 order by created_at desc, id""")
                    .setParameter(1, tenantId)
                    .getResultList();
            return rows.stream().map(ApiKeys::key).toList();
        });
    }

    /** Revokes the key; it must belong to {@code tenantId} (null: a platform key). */
    public void revoke(String tenantId, String keyId) {
        int revoked = database.inPlatformTransaction(entityManager -> entityManager.createNativeQuery("""
                update api_key set revoked_at = coalesce(revoked_at, now())
                where id = ?1 and tenant_id is not distinct from ?2""")
                .setParameter(1, keyId)
                .setParameter(2, tenantId)
                .executeUpdate());
        if (revoked == 0) {
            throw new NotFoundException((tenantId == null ? "the platform" : "tenant '" + tenantId + "'")
                    + " has no API key '" + keyId + "'");
        }
    }

    /** The live key a bearer token stands for, if it is one. */
    public Optional<ApiKey> authenticate(String token) {
        Matcher matcher = TOKEN.matcher(token == null ? "" : token.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String presented = Hashing.sha256Hex(matcher.group(2));
        return database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    select id, tenant_id, name, scope, created_at, created_by, revoked_at, secret_hash from api_key
                    where id = ?1 and revoked_at is null""")
                    .setParameter(1, matcher.group(1))
                    .getResultList();
            return rows.stream()
                    .filter(row -> MessageDigest.isEqual(((String) row[7]).getBytes(StandardCharsets.US_ASCII),
                            presented.getBytes(StandardCharsets.US_ASCII)))
                    .findFirst()
                    .map(ApiKeys::key);
        });
    }

    /**
     * Makes sure a platform admin can get in: the configured token is registered (if given), else a key is
     * generated when no live platform admin key exists, and returned so that it can be shown once.
     */
    public Optional<IssuedKey> bootstrap(Optional<String> configuredToken) {
        if (configuredToken.isPresent()) {
            Matcher matcher = TOKEN.matcher(configuredToken.get().strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("the bootstrap admin key must look like cvk_<12 hex>_<64 hex>;"
                        + " generate one with: echo cvk_$(openssl rand -hex 6)_$(openssl rand -hex 32)");
            }
            if (find(matcher.group(1)).isEmpty()) {
                insert(matcher.group(1), null, "bootstrap admin (configured)", Scope.PLATFORM_ADMIN,
                        Hashing.sha256Hex(matcher.group(2)), "bootstrap");
            }
            return Optional.empty();
        }
        boolean adminExists = list(null).stream().anyMatch(key -> !key.revoked());
        return adminExists ? Optional.empty() : Optional.of(create(null, "bootstrap admin (generated)", Scope.PLATFORM_ADMIN, "bootstrap"));
    }

    private Optional<ApiKey> find(String id) {
        return database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(
                    "select id, tenant_id, name, scope, created_at, created_by, revoked_at from api_key where id = ?1")
                    .setParameter(1, id)
                    .getResultList();
            return rows.stream().findFirst().map(ApiKeys::key);
        });
    }

    private void insert(String id, String tenantId, String name, Scope scope, String secretHash, String actor) {
        database.inPlatformTransaction(entityManager -> entityManager.createNativeQuery("""
                insert into api_key (id, tenant_id, name, scope, secret_hash, created_by) values (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, id)
                .setParameter(2, tenantId)
                .setParameter(3, name)
                .setParameter(4, scope.name())
                .setParameter(5, secretHash)
                .setParameter(6, actor)
                .executeUpdate());
    }

    private static ApiKey key(Object[] row) {
        return new ApiKey((String) row[0], (String) row[1], (String) row[2], Scope.valueOf((String) row[3]),
                SqlValues.instant(row[4]), (String) row[5], SqlValues.instant(row[6]));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

}
