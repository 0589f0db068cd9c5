package dev.conveyor.engine.testplugin.alpha;

import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.StageDefinition;
import dev.conveyor.sdk.Topology;
import dev.conveyor.sdk.View;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin whose entity is named {@code Order}, as {@link dev.conveyor.engine.testplugin.beta.BetaPlugin}'s is: Orders
 * -> record, which stores the order; an order marked {@code failFirst} fails its first delivery after storing it.
 */
public final class AlphaPlugin implements DomainPlugin {

    public record Placed(String orderId, int quantity, boolean failFirst) {
    }

    static final MessageType<Placed> PLACED = MessageType.of("test.alpha.placed.v1", Placed.class);

    @Override
    public String id() {
        return "alpha";
    }

    @Override
    public Topology topology() {
        return Topology.builder()
                .queue("Orders", PLACED)
                .stage(StageDefinition.of("record", "Orders"))
                .build();
    }

    @Override
    public Map<String, Handler<?>> handlers() {
        Handler<Placed> record = (placed, context) -> {
            context.entityManager().persist(new Order(context.tenantId(), placed.orderId(), placed.quantity()));
            if (placed.failFirst() && context.dequeueCount() == 1) {
                throw new IllegalStateException("the first delivery of order " + placed.orderId() + " fails after its write");
            }
        };
        return Map.of("record", record);
    }

    @Override
    public List<Class<?>> entityClasses() {
        return List.of(Order.class);
    }

    @Override
    public Optional<String> migrationsLocation() {
        return Optional.of("classpath:db/alpha");
    }

    @Override
    public List<IngestRoute> ingestRoutes() {
        return List.of(new IngestRoute("orders", "Orders"));
    }

    @Override
    public List<View> views() {
        return List.of(new View("orders", "orderId", (tenantId, orderId, entityManager) -> entityManager
                .createQuery("select o from Order o where o.orderId = :orderId", Order.class)
                .setParameter("orderId", orderId)
                .getResultStream()
                .findFirst()
                .map(order -> Map.of("orderId", order.orderId(), "quantity", order.quantity()))));
    }
}
