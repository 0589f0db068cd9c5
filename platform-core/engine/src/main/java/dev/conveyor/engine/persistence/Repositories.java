package dev.conveyor.engine.persistence;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;
import org.springframework.data.repository.Repository;

/**
 * Plugins' Spring Data repositories, created once per interface by {@link JpaRepositoryFactory} (no Spring container)
 * over an entity manager that stands for the transaction running on the calling thread ({@link TransactionScope}):
 * one repository object serves every transaction, each call working in its caller's.
 */
public final class Repositories {

    private final EntityManagerFactory factory;
    private final EntityManager current;
    private final Map<Class<?>, Object> created = new ConcurrentHashMap<>();

    /** @param factory the factory whose metamodel describes the plugins' entities */
    public Repositories(EntityManagerFactory factory) {
        this.factory = requireNonNull(factory, "factory is null");
        this.current = (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, new CurrentEntityManager());
    }

    /**
     * The repository of interface {@code type}, working in the calling thread's transaction.
     *
     * @throws IllegalArgumentException when {@code type} is not a Spring Data repository interface (a plugin's bug)
     */
    public <R> R get(Class<R> type) {
        requireNonNull(type, "type is null");
        if (!type.isInterface() || !Repository.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(type.getName() + " is not a repository: declare an interface extending "
                    + "org.springframework.data.repository.Repository (or JpaRepository) over one of the plugin's entities");
        }
        return type.cast(created.computeIfAbsent(type, this::create));
    }

    private Object create(Class<?> type) {
        JpaRepositoryFactory repositories = new JpaRepositoryFactory(current);
        repositories.setBeanClassLoader(type.getClassLoader());
        return repositories.getRepository(type);
    }

    /** Sends each call to the entity manager of the calling thread's transaction; metadata comes from the factory. */
    private final class CurrentEntityManager implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] arguments) throws Throwable {
            switch (method.getName()) {
                case "equals":
                    return proxy == arguments[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "the entity manager of the current transaction";
                case "getEntityManagerFactory":
                    return factory;
                case "getMetamodel":
                    return factory.getMetamodel();
                case "getCriteriaBuilder":
                    return factory.getCriteriaBuilder();
                default:
                    break;
            }
            EntityManager target = TransactionScope.entityManager().orElseThrow(() -> new IllegalStateException(
                    "a repository was used outside a transaction; use it only while a handler, view or action runs"));
            try {
                return method.invoke(target, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
