package dev.conveyor.engine.testplugin.beta;

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
 * A plugin whose entity is named {@code Order}, as {@link dev.conveyor.engine.testplugin.alpha.AlphaPlugin}'s is, in a
 * table of its own: Orders -> record, which stores the order with a note.
 */
public final class BetaPlugin implements DomainPlugin {

    public record Placed(String orderId, String note) {
    }

    static final MessageType<Placed> PLACED = MessageType.of("test.beta.placed.v1", Placed.class);

    @Override
    public String id() {
        return "beta";
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
        Handler<Placed> record = (placed, context) -> context.entityManager()
                .persist(new Order(context.tenantId(), placed.orderId(), placed.note()));
        return Map.of("record", record);
    }

    @Override
    public List<Class<?>> entityClasses() {
        return List.of(Order.class);
    }

    @Override
    public Optional<String> migrationsLocation() {
        return Optional.of("classpath:db/beta");
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
                .map(order -> Map.of("orderId", order.orderId(), "note", order.note()))));
    }
}
