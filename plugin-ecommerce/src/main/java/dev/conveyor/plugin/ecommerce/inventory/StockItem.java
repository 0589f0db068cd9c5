package dev.conveyor.plugin.ecommerce.inventory;

import dev.conveyor.sdk.TenantScoped;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Units of one SKU in one warehouse: on the shelf, and how many of them open orders hold. Read through projections
 * and changed only by {@link Stock}'s conditional statements, never loaded and written back: a read followed by a
 * write is what would let two orders take the same unit.
 */
@Entity
@Table(name = "ecommerce_stock")
public class StockItem extends TenantScoped {

    // Within one tenant's transaction (warehouse, sku) is unique; the table's key adds tenant_id.
    @EmbeddedId
    private Key key;

    @Column(name = "on_hand", nullable = false)
    private int onHand;

    @Column(name = "reserved", nullable = false)
    private int reserved;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected StockItem() {
        // for JPA
    }

    /** A stock row's identity within its tenant. */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "warehouse", nullable = false, updatable = false)
        private String warehouse;

        @Column(name = "sku", nullable = false, updatable = false)
        private String sku;

        protected Key() {
            // for JPA
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && warehouse.equals(key.warehouse) && sku.equals(key.sku);
        }

        @Override
        public int hashCode() {
            return Objects.hash(warehouse, sku);
        }
    }
}
