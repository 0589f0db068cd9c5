package dev.conveyor.plugin.ecommerce.inventory;

import dev.conveyor.plugin.ecommerce.settings.EcommerceSettings;
import dev.conveyor.sdk.RequestContext;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code stock} action: sets on hand per (warehouse, sku) from a count, all rows or none. The platform has read
 * and checked each row; this checks them against the tenant (its warehouses) and each other (each pair once).
 * Reserved units stay reserved; a count below them is refused for its row, because those units are promised to orders.
 */
public final class StockLoader {

    public static final int MAX_ROWS = 100_000;

    private static final System.Logger log = System.getLogger(StockLoader.class.getName());
    private static final String SUBJECT = "stock load";

    private StockLoader() {
    }

    /** The executor of the {@code stock} action. */
    public static StockLoaded load(List<StockRow> rows, RequestContext context) {
        EcommerceSettings settings = context.settings(EcommerceSettings.class);
        refuse(violations(rows, settings.warehouses()));
        Stock stock = context.repository(Stock.class);
        String tenantId = context.tenantId();
        Columns columns = Columns.of(rows);
        refuse(shortfalls(rows, stock.belowReserved(tenantId, columns.warehouses(), columns.skus(), columns.onHands())));
        // In the order reservations lock stock rows, so that a load and an order wait for each other instead of deadlocking.
        Columns inLockOrder = Columns.of(rows.stream()
                .sorted(Comparator.comparing(StockRow::warehouse).thenComparing(StockRow::sku)).toList());
        if (stock.setOnHand(tenantId, inLockOrder.warehouses(), inLockOrder.skus(), inLockOrder.onHands()) != rows.size()) {
            // An order reserved units of a row between the check and the load; throwing undoes the rows that were set.
            refuse(shortfalls(rows, stock.belowReserved(tenantId, columns.warehouses(), columns.skus(), columns.onHands())));
            throw new IllegalStateException("the stock of tenant '" + tenantId + "' changed while it was loaded; "
                    + "send the load again");
        }
        List<String> warehouses = settings.warehouses().stream()
                .filter(warehouse -> rows.stream().anyMatch(row -> row.warehouse().equals(warehouse)))
                .toList();
        log.log(Level.INFO, "tenant {0} loaded {1} stock rows for warehouses {2}", tenantId, rows.size(), warehouses);
        return new StockLoaded(rows.size(), warehouses);
    }

    /** The rules across rows and against the tenant, each row's own having passed. */
    static List<Violation> violations(List<StockRow> rows, List<String> warehouses) {
        List<Violation> violations = new ArrayList<>();
        if (rows.isEmpty()) {
            violations.add(new Violation("rows", "the load has no rows; give at least one row of warehouse, sku and onHand"));
        }
        Set<String> known = Set.copyOf(warehouses);
        Map<String, Integer> firstRowOf = new HashMap<>();
        for (int index = 0; index < rows.size(); index++) {
            StockRow row = rows.get(index);
            String path = "rows[" + index + "]";
            if (!known.contains(row.warehouse())) {
                violations.add(new Violation(path + ".warehouse", "'" + abbreviate(row.warehouse()) + "' is not a warehouse of this "
                        + "tenant (warehouses: " + String.join(", ", warehouses) + "); correct the row, or add the warehouse to "
                        + "the warehouses setting first"));
                continue;
            }
            // Neither a warehouse code nor a SKU may contain a blank, so the blank cannot make two keys collide.
            Integer first = firstRowOf.putIfAbsent(row.warehouse() + ' ' + row.sku(), index);
            if (first != null) {
                violations.add(new Violation(path, "repeats warehouse " + row.warehouse() + " and sku " + row.sku() + " of rows["
                        + first + "]; give each pair once"));
            }
        }
        return violations;
    }

    private static List<Violation> shortfalls(List<StockRow> rows, List<StockCount> belowReserved) {
        Map<String, Integer> reservedOf = new HashMap<>();
        belowReserved.forEach(count -> reservedOf.put(count.warehouse() + ' ' + count.sku(), count.reserved()));
        List<Violation> violations = new ArrayList<>();
        for (int index = 0; index < rows.size(); index++) {
            StockRow row = rows.get(index);
            Integer reserved = reservedOf.get(row.warehouse() + ' ' + row.sku());
            if (reserved != null) {
                violations.add(new Violation("rows[" + index + "].onHand", row.onHand() + " is below the " + reserved + " units of "
                        + row.sku() + " in warehouse " + row.warehouse() + " that open orders hold; count again, or let those "
                        + "orders ship first"));
            }
        }
        return violations;
    }

    private static void refuse(List<Violation> violations) {
        if (!violations.isEmpty()) {
            // Throwing rolls the action's transaction back: a load is applied whole or not at all.
            throw new ValidationException(SUBJECT, violations);
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    /** The rows as the parallel arrays the statements take, so a load of thousands of rows is one statement. */
    private record Columns(String[] warehouses, String[] skus, int[] onHands) {

        static Columns of(List<StockRow> rows) {
            return new Columns(
                    rows.stream().map(StockRow::warehouse).toArray(String[]::new),
                    rows.stream().map(StockRow::sku).toArray(String[]::new),
                    rows.stream().mapToInt(StockRow::onHand).toArray());
        }
    }
}
