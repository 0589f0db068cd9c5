package dev.conveyor.plugin.ecommerce.order;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One recorded line of an order, a row of {@code ecommerce_order_line}. */
@Embeddable
public class OrderItem {

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "sku", nullable = false, updatable = false)
    private String sku;

    @Column(name = "quantity", nullable = false, updatable = false)
    private int quantity;

    protected OrderItem() {
        // for JPA
    }

    OrderItem(String tenantId, OrderLine line) {
        this.tenantId = requireNonNull(tenantId, "tenantId is null");
        requireNonNull(line, "line is null");
        this.sku = requireNonNull(line.sku(), "sku is null");
        this.quantity = requireNonNull(line.quantity(), "quantity is null");
    }

    public String sku() {
        return sku;
    }

    public int quantity() {
        return quantity;
    }
}
