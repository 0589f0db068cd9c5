package dev.conveyor.testkit.unit;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.RequestContext;
import dev.conveyor.services.MutableClock;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link RequestContext} for unit tests of a view's finder or an action's executor: the tenant's settings record,
 * a {@link MutableClock}, and the repositories the test gives it (in-memory fakes, usually). Asking for settings,
 * a repository or an entity manager the test did not give fails with a message naming what to add.
 *
 * <pre>{@code
 * TestRequestContext context = TestRequestContext.withSettings(settings).withRepository(Stock.class, stock);
 * StockLoaded loaded = (StockLoaded) StockLoader.load(rows, context);
 * }</pre>
 */
public final class TestRequestContext implements RequestContext {

    private final Object settings;
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T09:00:00Z"));
    private final Map<Class<?>, Object> repositories = new HashMap<>();
    private String tenantId = "test-tenant";
    private EntityManager entityManager;

    private TestRequestContext(Object settings) {
        this.settings = settings;
    }

    /** A context of a tenant whose settings are {@code settings}, at 2030-01-01T09:00Z. */
    public static TestRequestContext withSettings(Object settings) {
        return new TestRequestContext(requireNonNull(settings, "settings is null"));
    }

    /** A context for a view or action that reads no settings. */
    public static TestRequestContext withoutSettings() {
        return new TestRequestContext(null);
    }

    public TestRequestContext tenant(String tenantId) {
        this.tenantId = requireNonNull(tenantId, "tenantId is null");
        return this;
    }

    public TestRequestContext at(Instant now) {
        clock.set(now);
        return this;
    }

    public <R> TestRequestContext withRepository(Class<R> type, R repository) {
        repositories.put(requireNonNull(type, "type is null"), requireNonNull(repository, "repository is null"));
        return this;
    }

    public TestRequestContext withEntityManager(EntityManager entityManager) {
        this.entityManager = requireNonNull(entityManager, "entityManager is null");
        return this;
    }

    public MutableClock testClock() {
        return clock;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public <S> S settings(Class<S> settingsType) {
        if (settings == null) {
            throw new IllegalStateException("this test gave the context no settings; use TestRequestContext.withSettings(...)");
        }
        if (!settingsType.isInstance(settings)) {
            throw new IllegalArgumentException("this test's settings are a " + settings.getClass().getName() + ", not a "
                    + settingsType.getName());
        }
        return settingsType.cast(settings);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public EntityManager entityManager() {
        if (entityManager == null) {
            throw new IllegalStateException("this test gave the context no entity manager; call withEntityManager(...)");
        }
        return entityManager;
    }

    @Override
    public <R> R repository(Class<R> repositoryType) {
        Object repository = repositories.get(repositoryType);
        if (repository == null) {
            throw new IllegalStateException("this test gave the context no " + repositoryType.getSimpleName()
                    + "; call withRepository(" + repositoryType.getSimpleName() + ".class, ...)");
        }
        return repositoryType.cast(repository);
    }
}
