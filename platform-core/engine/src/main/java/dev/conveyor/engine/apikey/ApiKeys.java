package dev.conveyor.engine.apikey;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.conveyor.engine.Hashing;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.SqlValues;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issues, lists, revokes and checks API keys. A token is {@code cvk_<id>_<secret>}: the id finds the row, the
 * secret (256 random bits) is compared with its stored SHA-256 in constant time.
 *
 * <p>Checks cost no database work per request. Each instance keeps the ids of the live keys, so a made-up token
 * (an unknown id) is refused from memory; the list is reloaded on such a miss at most once per
 * {@link #ID_RELOAD_INTERVAL}, which bounds a flood of made-up tokens to one query a second and lets a key created
 * on another instance in. A known id's row (its scope and the SHA-256 of its secret, never a token) is kept for
 * {@link #CHECK_TTL}, answers found and not found alike, in a bounded cache. A revoke here (or a tenant's delete)
 * takes effect here at once; on the other instances sharing the database within {@link #CHECK_TTL}.
 */
public final class ApiKeys {

    /** How long a key's row is reused: a key revoked on another instance is refused here within this time. */
    public static final Duration CHECK_TTL = Duration.ofSeconds(5);
    /** The shortest time between two reloads of the live key ids, however many unknown ids arrive. */
    public static final Duration ID_RELOAD_INTERVAL = Duration.ofSeconds(1);
    private static final int MAX_CACHED_KEYS = 10_000;
    private static final String BOOTSTRAP_ACTOR = "bootstrap";

    private static final Pattern TOKEN = Pattern.compile("cvk_([0-9a-f]{12})_([0-9a-f]{64})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "k.id, k.tenant_id, k.name, k.scope, k.created_at, k.created_by, k.revoked_at, k.expires_at";
    private static final String TENANT_LIVE = "not exists (select 1 from tenant t where t.id = k.tenant_id and t.status = 'DELETED')";

    private final Database database;
    private final Clock clock;
    private final Cache<String, Optional<StoredKey>> keysById = Caffeine.newBuilder()
            .expireAfterWrite(CHECK_TTL)
            .maximumSize(MAX_CACHED_KEYS)
            .build();
    private final Object idReload = new Object();
    private volatile Set<String> liveIds = ConcurrentHashMap.newKeySet();
    private volatile long liveIdsLoadedAt;
    private volatile boolean liveIdsLoaded;
    private final AtomicLong keyLookups = new AtomicLong();
    private final AtomicLong idReloads = new AtomicLong();

    public ApiKeys(Database database, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @param tenantId  the key's tenant, or {@code null} for a platform key
     * @param expiresAt when the key stops working, or {@code null} for never
     */
    public IssuedKey create(String tenantId, String name, Scope scope, Instant expiresAt, String actor) {
        List<Violation> problems = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 100) {
            problems.add(new Violation("name", "is required, 1-100 characters"));
        }
        if (scope == null) {
            problems.add(new Violation("scope", "is required: one of TENANT_ADMIN, TENANT_OPERATIONS, TENANT_INGEST,"
                    + " TENANT_READ (PLATFORM_ADMIN for platform keys)"));
        } else if (scope.isPlatform() != (tenantId == null)) {
            problems.add(new Violation("scope", tenantId == null
                    ? "a platform key must have scope PLATFORM_ADMIN"
                    : "a tenant key must have scope TENANT_ADMIN, TENANT_OPERATIONS, TENANT_INGEST or TENANT_READ, not " + scope));
        }
        if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
            problems.add(new Violation("expiresAt", "must be in the future, was " + expiresAt));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("API key", problems);
        }
        String id = random(6);
        String secret = random(32);
        insert(id, tenantId, name, scope, Hashing.sha256Hex(secret), expiresAt, actor, "");
        return new IssuedKey(find(id).orElseThrow(), "cvk_" + id + "_" + secret);
    }

    /** Keys of the tenant, or platform keys when {@code tenantId} is null, newest first. */
    public List<ApiKey> list(String tenantId) {
        return database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS
                    + " from api_key k where k.tenant_id is not distinct from ?1 order by k.created_at desc, k.id")
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
        forget(keyId);
        if (revoked == 0) {
            throw new NotFoundException((tenantId == null ? "the platform" : "tenant '" + tenantId + "'")
                    + " has no API key '" + keyId + "'");
        }
    }

    /** Revokes every key of the tenant (it is being deleted); returns how many were live. */
    public int revokeAll(String tenantId) {
        requireNonNull(tenantId, "tenantId is null");
        List<String> revoked = revokeWhere("tenant_id = ?", tenantId);
        // Also keys revoked by an earlier, interrupted delete: none of them may stay cached here.
        list(tenantId).forEach(key -> forget(key.id()));
        return revoked.size();
    }

    /** The live key a bearer token stands for, if it is one. */
    public Optional<ApiKey> authenticate(String token) {
        Matcher matcher = TOKEN.matcher(token == null ? "" : token.strip());
        if (!matcher.matches() || !mayBeLive(matcher.group(1))) {
            return Optional.empty();
        }
        byte[] presented = Hashing.sha256Hex(matcher.group(2)).getBytes(StandardCharsets.US_ASCII);
        Instant now = clock.instant();
        return keysById.get(matcher.group(1), this::lookUp)
                .filter(stored -> MessageDigest.isEqual(stored.secretHash().getBytes(StandardCharsets.US_ASCII), presented))
                .map(StoredKey::key)
                .filter(key -> key.liveAt(now));
    }

    /** How many key checks read a key's row from the database (the rest were answered from memory). */
    public long keyLookups() {
        return keyLookups.get();
    }

    /** How many times the list of live key ids was read from the database. */
    public long idReloads() {
        return idReloads.get();
    }

    /**
     * Makes sure a platform admin can get in: the configured token is registered (if given) and every earlier
     * bootstrap key revoked, so that rotating the configured key retires the old one; else a key is generated when no
     * live platform admin key exists, and returned so that it can be handed to the operator once.
     */
    public Optional<IssuedKey> bootstrap(Optional<String> configuredToken) {
        if (configuredToken.isPresent()) {
            Matcher matcher = TOKEN.matcher(configuredToken.get().strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("the bootstrap admin key must look like cvk_<12 hex>_<64 hex>;"
                        + " generate one with: echo cvk_$(openssl rand -hex 6)_$(openssl rand -hex 32)");
            }
            String id = matcher.group(1);
            if (find(id).isEmpty()) {
                // Instances started together all find it missing: the first insert wins, the others add nothing.
                insert(id, null, "bootstrap admin (configured)", Scope.PLATFORM_ADMIN, Hashing.sha256Hex(matcher.group(2)),
                        null, BOOTSTRAP_ACTOR, " on conflict (id) do nothing");
            }
            revokeWhere("tenant_id is null and created_by = '" + BOOTSTRAP_ACTOR + "' and id <> ?", id);
            return Optional.empty();
        }
        Instant now = clock.instant();
        boolean adminExists = list(null).stream().anyMatch(key -> key.liveAt(now));
        return adminExists ? Optional.empty()
                : Optional.of(create(null, "bootstrap admin (generated)", Scope.PLATFORM_ADMIN, null, BOOTSTRAP_ACTOR));
    }

    private boolean mayBeLive(String id) {
        if (liveIdsLoaded && liveIds.contains(id)) {
            return true;
        }
        synchronized (idReload) {
            if (!liveIdsLoaded || System.nanoTime() - liveIdsLoadedAt >= ID_RELOAD_INTERVAL.toNanos()) {
                // Set first: while the database does not answer, a flood waits for one attempt a second, not each.
                liveIdsLoadedAt = System.nanoTime();
                liveIdsLoaded = true;
                Set<String> loaded = ConcurrentHashMap.newKeySet();
                loaded.addAll(database.inPlatformTransaction(entityManager -> {
                    @SuppressWarnings("unchecked")
                    List<String> ids = entityManager.createNativeQuery("select k.id from api_key k where k.revoked_at is null"
                            + " and (k.expires_at is null or k.expires_at > now()) and " + TENANT_LIVE).getResultList();
                    return ids;
                }));
                idReloads.incrementAndGet();
                liveIds = loaded;
            }
        }
        return liveIds.contains(id);
    }

    private Optional<StoredKey> lookUp(String id) {
        keyLookups.incrementAndGet();
        return database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS + ", k.secret_hash from api_key k"
                    + " where k.id = ?1 and k.revoked_at is null and " + TENANT_LIVE)
                    .setParameter(1, id)
                    .getResultList();
            return rows.stream().findFirst().map(row -> new StoredKey(key(row), (String) row[8]));
        });
    }

    private void forget(String id) {
        liveIds.remove(id);
        keysById.invalidate(id);
    }

    /** Revokes the live keys matching {@code condition} (one {@code ?} parameter) and forgets them here. */
    private List<String> revokeWhere(String condition, String parameter) {
        List<String> revoked = database.inPlatformTransaction(entityManager -> Database.onConnection(entityManager, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "update api_key set revoked_at = now() where revoked_at is null and " + condition + " returning id")) {
                statement.setString(1, parameter);
                List<String> ids = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
                return ids;
            }
        }));
        revoked.forEach(this::forget);
        return revoked;
    }

    private Optional<ApiKey> find(String id) {
        return database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS + " from api_key k where k.id = ?1")
                    .setParameter(1, id)
                    .getResultList();
            return rows.stream().findFirst().map(ApiKeys::key);
        });
    }

    private void insert(String id, String tenantId, String name, Scope scope, String secretHash, Instant expiresAt,
            String actor, String onConflict) {
        database.inPlatformTransaction(entityManager -> Database.execute(entityManager, """
                insert into api_key (id, tenant_id, name, scope, secret_hash, expires_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?)""" + onConflict, id, tenantId, name, scope.name(), secretHash,
                expiresAt == null ? null : Timestamp.from(expiresAt), actor));
        // Usable here at once; other instances let it in on their next reload of the live ids.
        keysById.invalidate(id);
        liveIds.add(id);
    }

    private static ApiKey key(Object[] row) {
        return new ApiKey((String) row[0], (String) row[1], (String) row[2], Scope.valueOf((String) row[3]),
                SqlValues.instant(row[4]), (String) row[5], SqlValues.instant(row[6]), SqlValues.instant(row[7]));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    /** A key's row as the checks need it: the key and the SHA-256 of its secret, never the token. */
    private record StoredKey(ApiKey key, String secretHash) {
    }
}
