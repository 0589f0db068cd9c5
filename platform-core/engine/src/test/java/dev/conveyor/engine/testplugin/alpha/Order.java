package dev.conveyor.engine.testplugin.alpha;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The alpha plugin's order: entity name {@code Order}, as the beta plugin's is. */
@Entity
@Table(name = "alpha_order")
public class Order {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "order_id", nullable = false)
    private String orderId;

    @Column(nullable = false)
    private int quantity;

    protected Order() {
    }

    public Order(String tenantId, String orderId, int quantity) {
        this.tenantId = tenantId;
        this.orderId = orderId;
        this.quantity = quantity;
    }

    public String orderId() {
        return orderId;
    }

    public int quantity() {
        return quantity;
    }
}
