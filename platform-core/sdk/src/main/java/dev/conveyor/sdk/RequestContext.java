package dev.conveyor.sdk;

import jakarta.persistence.EntityManager;
import java.time.Clock;

/**
 * What a {@link View}'s finder or an {@link Action}'s executor works with: the tenant, its settings, the clock and
 * the plugin's persistence, in one transaction scoped to the tenant (read-only for views).
 */
public interface RequestContext {

    String tenantId();

    /**
     * The tenant's settings, defaults applied and validated.
     *
     * @throws IllegalArgumentException when {@code settingsType} is not the plugin's settings type (a bug)
     */
    <S> S settings(Class<S> settingsType);

    Clock clock();

    /** The transaction's entity manager. Do not commit or close it. */
    EntityManager entityManager();

    /** A Spring Data repository of the plugin's, working in this transaction (see {@link HandlerContext#repository}). */
    <R> R repository(Class<R> repositoryType);
}
