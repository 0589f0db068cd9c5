package dev.conveyor.engine.persistence;

import dev.conveyor.sdk.TenantScoped;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.MergeContext;
import org.hibernate.event.spi.MergeEvent;
import org.hibernate.event.spi.MergeEventListener;
import org.hibernate.event.spi.PersistContext;
import org.hibernate.event.spi.PersistEvent;
import org.hibernate.event.spi.PersistEventListener;

/**
 * Fills the tenant of a {@link TenantScoped} entity when it is persisted or merged (saving through a repository
 * does either), with the tenant of the transaction, before Hibernate reads its state; one of another tenant is
 * refused. Runs first among the listeners, so that cascades and merge copies see the tenant too.
 */
public final class TenantAssignment implements PersistEventListener, MergeEventListener {

    private TenantAssignment() {
    }

    /** Puts the assignment in front of {@code factory}'s persist and merge listeners. */
    public static void install(EntityManagerFactory factory) {
        TenantAssignment assignment = new TenantAssignment();
        EventListenerRegistry registry = factory.unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                .getService(EventListenerRegistry.class);
        registry.prependListeners(EventType.PERSIST, assignment);
        registry.prependListeners(EventType.PERSIST_ONFLUSH, assignment);
        registry.prependListeners(EventType.MERGE, assignment);
    }

    @Override
    public void onPersist(PersistEvent event) {
        assign(event.getObject());
    }

    @Override
    public void onPersist(PersistEvent event, PersistContext createdAlready) {
        assign(event.getObject());
    }

    @Override
    public void onMerge(MergeEvent event) {
        assign(event.getOriginal());
    }

    @Override
    public void onMerge(MergeEvent event, MergeContext copiedAlready) {
        assign(event.getOriginal());
    }

    private static void assign(Object entity) {
        if (entity instanceof TenantScoped scoped) {
            TransactionScope.tenantId().ifPresent(scoped::assignTenant);
        }
    }
}
