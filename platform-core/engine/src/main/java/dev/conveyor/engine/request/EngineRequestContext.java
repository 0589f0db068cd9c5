package dev.conveyor.engine.request;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.persistence.Repositories;
import dev.conveyor.sdk.RequestContext;
import jakarta.persistence.EntityManager;
import java.time.Clock;

/** What a view's finder or an action's executor works with, in one transaction of the tenant. */
final class EngineRequestContext implements RequestContext {

    private final String tenantId;
    private final Object settings;
    private final Clock clock;
    private final EntityManager entityManager;
    private final Repositories repositories;

    EngineRequestContext(String tenantId, Object settings, Clock clock, EntityManager entityManager,
            Repositories repositories) {
        this.tenantId = requireNonNull(tenantId, "tenantId is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.entityManager = requireNonNull(entityManager, "entityManager is null");
        this.repositories = requireNonNull(repositories, "repositories is null");
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public <S> S settings(Class<S> settingsType) {
        if (!settingsType.isInstance(settings)) {
            throw new IllegalArgumentException("the settings of tenant '" + tenantId + "' are a "
                    + settings.getClass().getName() + ", not a " + settingsType.getName());
        }
        return settingsType.cast(settings);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public EntityManager entityManager() {
        return entityManager;
    }

    @Override
    public <R> R repository(Class<R> repositoryType) {
        return repositories.get(repositoryType);
    }
}
