package dev.conveyor.engine.testplugin.beta;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The beta plugin's order: entity name {@code Order}, as the alpha plugin's is, in another table with other columns. */
@Entity
@Table(name = "beta_order")
public class Order {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id", nullable = false)
    private String tenantId;

    @Column(name = "order_id", nullable = false)
    private String orderId;

    @Column(nullable = false)
    private String note;

    protected Order() {
    }

    public Order(String tenantId, String orderId, String note) {
        this.tenantId = tenantId;
        this.orderId = orderId;
        this.note = note;
    }

    public String orderId() {
        return orderId;
    }

    public String note() {
        return note;
    }
}
