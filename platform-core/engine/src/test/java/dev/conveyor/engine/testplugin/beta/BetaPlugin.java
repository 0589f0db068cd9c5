package dev.conveyor.engine.testplugin.beta;

import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.Handlers;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.NoSettings;
import dev.conveyor.sdk.Persistence;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.Topology;
import dev.conveyor.sdk.View;
import java.util.List;
import java.util.Map;

/**
 * A plugin whose entity is named {@code Order}, as {@link dev.conveyor.engine.testplugin.alpha.AlphaPlugin}'s is, in a
 * table of its own: Orders -> record, which stores the order with a note.
 */
public final class BetaPlugin implements DomainPlugin<NoSettings> {

    public record Placed(String orderId, String note) {
    }

    static final Queue<Placed> ORDERS = Queue.of("Orders", "test.beta.placed.v1", Placed.class);
    static final Stage<Placed> RECORD = Stage.of("record", ORDERS);

    @Override
    public String id() {
        return "beta";
    }

    @Override
    public Topology topology() {
        return Topology.of(RECORD);
    }

    @Override
    public Handlers handlers(NoSettings settings) {
        Handler<Placed> record = (placed, context) -> context.entityManager()
                .persist(new Order(context.tenantId(), placed.orderId(), placed.note()));
        return Handlers.builder().on(RECORD, record).build();
    }

    @Override
    public Persistence persistence() {
        return Persistence.of("classpath:db/beta", Order.class);
    }

    @Override
    public List<IngestRoute<?>> ingestRoutes() {
        return List.of(IngestRoute.of("orders", ORDERS));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List<View<?>> views() {
        return List.of(View.of("orders", "orderId", Map.class, (orderId, context) -> context.entityManager()
                .createQuery("select o from Order o where o.orderId = :orderId", Order.class)
                .setParameter("orderId", orderId)
                .getResultStream()
                .findFirst()
                .map(order -> (Map) Map.of("orderId", order.orderId(), "note", order.note()))));
    }
}
