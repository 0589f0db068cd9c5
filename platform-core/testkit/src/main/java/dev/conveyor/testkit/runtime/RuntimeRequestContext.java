package dev.conveyor.testkit.runtime;

import dev.conveyor.engine.persistence.Repositories;
import dev.conveyor.sdk.RequestContext;
import jakarta.persistence.EntityManager;
import java.time.Clock;

/** What {@link TestTenant#read} hands its work: the tenant's transaction, as a view's finder gets it. */
record RuntimeRequestContext(String tenantId, Object settings, Clock clock, EntityManager entityManager,
        Repositories repositories) implements RequestContext {

    @Override
    public <S> S settings(Class<S> settingsType) {
        if (!settingsType.isInstance(settings)) {
            throw new IllegalArgumentException("the settings of tenant '" + tenantId + "' are a "
                    + settings.getClass().getName() + ", not a " + settingsType.getName());
        }
        return settingsType.cast(settings);
    }

    @Override
    public <R> R repository(Class<R> repositoryType) {
        return repositories.get(repositoryType);
    }
}
