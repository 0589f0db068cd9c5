package dev.conveyor.plugin.ecommerce.inventory;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * The stock table. Every change is one conditional statement, so the database, not a read followed by a write,
 * decides whether units are there: this is what keeps concurrent handlers on several threads and processes from
 * overselling, as the row lock serialises them and each re-checks the condition on the latest row. The changes name
 * the tenant because they write rows, not entities the platform fills; what they answer is the number of rows set.
 */
public interface Stock extends Repository<StockItem, StockItem.Key> {

    /** The stock of {@code skus} in every warehouse that has any, as committed now, by warehouse and SKU. */
    @Query("""
            select new dev.conveyor.plugin.ecommerce.inventory.StockCount(s.key.warehouse, s.key.sku, s.onHand, s.reserved)
            from StockItem s where s.key.sku in :skus order by s.key.warehouse, s.key.sku""")
    List<StockCount> countsOf(Collection<String> skus);

    /** Takes {@code quantity} free units, or nothing if fewer are free now: the one check that counts. */
    @Modifying
    @Query(nativeQuery = true, value = """
            update ecommerce_stock set reserved = reserved + :quantity, updated_at = now()
            where tenant_id = :tenantId and warehouse = :warehouse and sku = :sku and on_hand - reserved >= :quantity""")
    int reserve(String tenantId, String warehouse, String sku, int quantity);

    /** Gives back units this transaction reserved: the compensation of {@link #reserve}. */
    @Modifying
    @Query(nativeQuery = true, value = """
            update ecommerce_stock set reserved = reserved - :quantity, updated_at = now()
            where tenant_id = :tenantId and warehouse = :warehouse and sku = :sku and reserved >= :quantity""")
    int release(String tenantId, String warehouse, String sku, int quantity);

    /**
     * Takes reserved units off the shelf as their parcel leaves: on hand and reserved both go down. Sets nothing when
     * fewer than {@code quantity} are reserved, which means the reservation and the stock disagree.
     */
    @Modifying
    @Query(nativeQuery = true, value = """
            update ecommerce_stock set on_hand = on_hand - :quantity, reserved = reserved - :quantity, updated_at = now()
            where tenant_id = :tenantId and warehouse = :warehouse and sku = :sku and reserved >= :quantity""")
    int ship(String tenantId, String warehouse, String sku, int quantity);

    /**
     * Of the rows given as three parallel arrays, those whose new on hand is below what open orders hold now, with
     * that number: what a load must refuse.
     */
    @Query(nativeQuery = true, value = """
            select s.warehouse as warehouse, s.sku as sku, s.on_hand as "onHand", s.reserved as reserved
            from ecommerce_stock s
            join unnest(cast(:warehouses as text[]), cast(:skus as text[]), cast(:onHands as integer[])) as r(warehouse, sku, on_hand)
                on s.warehouse = r.warehouse and s.sku = r.sku
            where s.tenant_id = :tenantId and s.reserved > r.on_hand""")
    List<StockCount> belowReserved(String tenantId, String[] warehouses, String[] skus, int[] onHands);

    /**
     * Sets on hand for every row given as three parallel arrays in one statement, creating rows for new (warehouse,
     * sku) pairs. A row whose new on hand is below what is reserved is left as it was: the statement re-checks that on
     * the locked row, so a reservation taken since {@link #belowReserved} cannot slip under it. Rows are locked in the
     * order given (the scan keeps the arrays' order).
     */
    @Modifying
    @Query(nativeQuery = true, value = """
            insert into ecommerce_stock (tenant_id, warehouse, sku, on_hand, reserved)
            select :tenantId, r.warehouse, r.sku, r.on_hand, 0
            from unnest(cast(:warehouses as text[]), cast(:skus as text[]), cast(:onHands as integer[])) as r(warehouse, sku, on_hand)
            on conflict (tenant_id, warehouse, sku) do update
                set on_hand = excluded.on_hand, updated_at = now()
                where ecommerce_stock.reserved <= excluded.on_hand""")
    int setOnHand(String tenantId, String[] warehouses, String[] skus, int[] onHands);
}
