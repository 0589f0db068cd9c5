package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stock table, in SQL: every change is a conditional statement, so the database, not a read followed by a
 * write, decides whether units are there. This is what keeps concurrent handlers on several threads
 * and processes from overselling: the row lock serialises them, and each re-checks the condition on the latest row.
 */
public final class Stock {

    private Stock() {
    }

    /** Free units of {@code skus} in every warehouse that stocks them, as committed now. */
    public static Availability availability(EntityManager entityManager, String tenantId, Collection<String> skus) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        Availability availability = new Availability();
        List<?> rows = entityManager.createNativeQuery("""
                        select warehouse, sku, on_hand - reserved
                        from ecommerce_stock
                        where tenant_id = ?1 and sku in (select jsonb_array_elements_text(cast(?2 as jsonb)))""")
                .setParameter(1, tenantId)
                .setParameter(2, JsonText.array(requireNonNull(skus, "skus is null")))
                .getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            availability.put((String) columns[0], (String) columns[1], ((Number) columns[2]).intValue());
        }
        return availability;
    }

    /** Takes {@code allocation.quantity()} free units, or nothing if fewer are free now: the one check that counts. */
    public static boolean reserve(EntityManager entityManager, String tenantId, Allocation allocation) {
        requireNonNull(allocation, "allocation is null");
        return entityManager.createNativeQuery("""
                        update ecommerce_stock set reserved = reserved + ?1, updated_at = now()
                        where tenant_id = ?2 and warehouse = ?3 and sku = ?4 and on_hand - reserved >= ?5""")
                .setParameter(1, allocation.quantity())
                .setParameter(2, requireNonNull(tenantId, "tenantId is null"))
                .setParameter(3, allocation.warehouse())
                .setParameter(4, allocation.sku())
                .setParameter(5, allocation.quantity())
                .executeUpdate() == 1;
    }

    /** Gives back units this transaction reserved: the compensation of {@link #reserve}. */
    public static void release(EntityManager entityManager, String tenantId, Allocation allocation) {
        requireNonNull(allocation, "allocation is null");
        int updated = entityManager.createNativeQuery("""
                        update ecommerce_stock set reserved = reserved - ?1, updated_at = now()
                        where tenant_id = ?2 and warehouse = ?3 and sku = ?4 and reserved >= ?5""")
                .setParameter(1, allocation.quantity())
                .setParameter(2, requireNonNull(tenantId, "tenantId is null"))
                .setParameter(3, allocation.warehouse())
                .setParameter(4, allocation.sku())
                .setParameter(5, allocation.quantity())
                .executeUpdate();
        if (updated != 1) {
            throw new IllegalStateException("could not release " + allocation.quantity() + " reserved units of " + allocation.sku()
                    + " in warehouse " + allocation.warehouse() + " of tenant '" + tenantId + "': fewer are reserved");
        }
    }

    /**
     * Takes reserved units off the shelf as their parcel leaves: on hand and reserved both go down. False when fewer
     * than {@code quantity} are reserved, which means the reservation and the stock disagree.
     */
    public static boolean ship(EntityManager entityManager, String tenantId, String warehouse, String sku, int quantity) {
        return entityManager.createNativeQuery("""
                        update ecommerce_stock set on_hand = on_hand - ?1, reserved = reserved - ?2, updated_at = now()
                        where tenant_id = ?3 and warehouse = ?4 and sku = ?5 and reserved >= ?6""")
                .setParameter(1, quantity)
                .setParameter(2, quantity)
                .setParameter(3, requireNonNull(tenantId, "tenantId is null"))
                .setParameter(4, requireNonNull(warehouse, "warehouse is null"))
                .setParameter(5, requireNonNull(sku, "sku is null"))
                .setParameter(6, quantity)
                .executeUpdate() == 1;
    }

    /** Every warehouse's stock of {@code sku}, by warehouse code. */
    public static List<StockLevel> levels(EntityManager entityManager, String tenantId, String sku) {
        requireNonNull(entityManager, "entityManager is null");
        List<?> rows = entityManager.createNativeQuery("""
                        select warehouse, on_hand, reserved from ecommerce_stock
                        where tenant_id = ?1 and sku = ?2 order by warehouse""")
                .setParameter(1, requireNonNull(tenantId, "tenantId is null"))
                .setParameter(2, requireNonNull(sku, "sku is null"))
                .getResultList();
        return rows.stream().map(row -> (Object[]) row)
                .map(columns -> StockLevel.of((String) columns[0], ((Number) columns[1]).intValue(), ((Number) columns[2]).intValue()))
                .toList();
    }

    /**
     * The rows whose new on hand is below what open orders hold now, with that number; what a load must refuse.
     */
    public static List<Shortfall> belowReserved(EntityManager entityManager, String tenantId, List<StockRow> rows) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(rows, "rows is null");
        List<?> found = entityManager.createNativeQuery("""
                        select s.warehouse, s.sku, s.reserved
                        from ecommerce_stock s
                        join jsonb_to_recordset(cast(?2 as jsonb)) as r(warehouse text, sku text, on_hand integer)
                            on s.warehouse = r.warehouse and s.sku = r.sku
                        where s.tenant_id = ?1 and s.reserved > r.on_hand""")
                .setParameter(1, requireNonNull(tenantId, "tenantId is null"))
                .setParameter(2, JsonText.stockRows(rows))
                .getResultList();
        Map<String, Integer> reservedOf = new HashMap<>();
        for (Object row : found) {
            Object[] columns = (Object[]) row;
            reservedOf.put(key((String) columns[0], (String) columns[1]), ((Number) columns[2]).intValue());
        }
        return rows.stream()
                .filter(row -> reservedOf.containsKey(key(row.warehouse(), row.sku())))
                .map(row -> new Shortfall(row, reservedOf.get(key(row.warehouse(), row.sku()))))
                .toList();
    }

    /**
     * Sets on hand for every row in one statement, creating rows for new (warehouse, sku) pairs. A row whose new on
     * hand is below what is reserved is left as it was: the statement re-checks that on the locked row, so a
     * reservation taken since {@link #belowReserved} cannot slip under it. Answers how many rows it set.
     */
    public static int setOnHand(EntityManager entityManager, String tenantId, List<StockRow> rows) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(rows, "rows is null");
        // Rows in the order reservations lock them (the scan keeps the array's order), so that a load and an order
        // wait for each other instead of deadlocking.
        List<StockRow> inLockOrder = rows.stream()
                .sorted(Comparator.comparing(StockRow::warehouse).thenComparing(StockRow::sku))
                .toList();
        return entityManager.createNativeQuery("""
                        insert into ecommerce_stock (tenant_id, warehouse, sku, on_hand, reserved)
                        select ?1, r.warehouse, r.sku, r.on_hand, 0
                        from jsonb_to_recordset(cast(?2 as jsonb)) as r(warehouse text, sku text, on_hand integer)
                        on conflict (tenant_id, warehouse, sku) do update
                            set on_hand = excluded.on_hand, updated_at = now()
                            where ecommerce_stock.reserved <= excluded.on_hand""")
                .setParameter(1, requireNonNull(tenantId, "tenantId is null"))
                .setParameter(2, JsonText.stockRows(inLockOrder))
                .executeUpdate();
    }

    /** A row of a load that would leave fewer units on hand than open orders hold. */
    public record Shortfall(StockRow row, int reserved) {
    }

    private static String key(String warehouse, String sku) {
        // Neither a warehouse code nor a SKU may contain a blank, so the blank cannot make two keys collide.
        return warehouse + ' ' + sku;
    }
}
