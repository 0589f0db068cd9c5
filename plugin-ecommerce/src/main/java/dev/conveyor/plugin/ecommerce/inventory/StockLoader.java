package dev.conveyor.plugin.ecommerce.inventory;

import dev.conveyor.plugin.ecommerce.settings.EcommerceSettings;
import dev.conveyor.sdk.Action;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import jakarta.persistence.EntityManager;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The {@code stock} action: sets on hand per (warehouse, sku) from a count, all rows or none. Reserved units stay
 * reserved; a count below them is refused for its row, because those units are promised to orders.
 */
public final class StockLoader {

    private static final System.Logger log = System.getLogger(StockLoader.class.getName());

    private StockLoader() {
    }

    /** The {@link Action.Executor} of the {@code stock} action. */
    public static StockLoaded load(Action.Request request, EntityManager entityManager) {
        EcommerceSettings settings = EcommerceSettings.of(request.config());
        List<StockRow> rows = StockUpload.parse(request.contentType(), request.body(), settings.warehouses());
        refuseShortfalls(Stock.belowReserved(entityManager, request.tenantId(), rows));
        if (Stock.setOnHand(entityManager, request.tenantId(), rows) != rows.size()) {
            // An order reserved units of a row between the check and the load; throwing undoes the rows that were set.
            refuseShortfalls(Stock.belowReserved(entityManager, request.tenantId(), rows));
            throw new IllegalStateException("the stock of tenant '" + request.tenantId() + "' changed while it was loaded; "
                    + "send the load again");
        }
        List<String> warehouses = settings.warehouses().stream()
                .filter(warehouse -> rows.stream().anyMatch(row -> row.warehouse().equals(warehouse)))
                .toList();
        log.log(Level.INFO, "tenant {0} loaded {1} stock rows for warehouses {2}", request.tenantId(), rows.size(), warehouses);
        return new StockLoaded(rows.size(), warehouses);
    }

    private static void refuseShortfalls(List<Stock.Shortfall> shortfalls) {
        if (shortfalls.isEmpty()) {
            return;
        }
        // Throwing rolls the action's transaction back: a load is applied whole or not at all.
        throw new ValidationException("stock load", shortfalls.stream()
                .map(shortfall -> new Violation("rows[" + shortfall.row().index() + "].onHand", shortfall.row().onHand()
                        + " is below the " + shortfall.reserved() + " units of " + shortfall.row().sku() + " in warehouse "
                        + shortfall.row().warehouse() + " that open orders hold; count again, or let those orders ship first"))
                .toList());
    }
}
