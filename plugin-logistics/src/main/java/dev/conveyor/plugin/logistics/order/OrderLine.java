package dev.conveyor.plugin.logistics.order;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/** One recorded line of an order, a row of {@code logistics_order_item}. */
@Embeddable
public class OrderLine {

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "sku", nullable = false, updatable = false)
    private String sku;

    @Column(name = "description", updatable = false)
    private String description;

    @Column(name = "quantity", nullable = false, updatable = false)
    private int quantity;

    @Column(name = "weight_kg", nullable = false, updatable = false)
    private BigDecimal weightKg;

    protected OrderLine() {
        // for JPA
    }

    OrderLine(String tenantId, OrderItem item) {
        this.tenantId = requireNonNull(tenantId, "tenantId is null");
        requireNonNull(item, "item is null");
        this.sku = requireNonNull(item.sku(), "sku is null");
        this.description = item.description();
        this.quantity = item.quantity();
        this.weightKg = requireNonNull(item.weightKg(), "weightKg is null");
    }

    public String sku() {
        return sku;
    }

    public String description() {
        return description;
    }

    public int quantity() {
        return quantity;
    }

    /** Weight of one unit. */
    public BigDecimal weightKg() {
        return weightKg;
    }
}
