package dev.conveyor.plugin.ecommerce.order;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.TenantScoped;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An order as E-Commerce Express recorded it, from receipt to delivery. One per (tenant, orderId): that key is what
 * makes an order submitted twice under different message ids a no-op. Unlike the other entities it takes its tenant
 * when it is made, not only when the platform persists it: its lines (rows of a collection table, not entities of
 * their own) carry the tenant too.
 */
// ORDER is a JPQL keyword: hence the explicit name.
@Entity(name = "EcommerceOrder")
@Table(name = "ecommerce_order")
public class Order extends TenantScoped {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private String orderId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private OrderStatus status;

    @Column(name = "reason")
    private String reason;

    @Column(name = "customer_name", updatable = false)
    private String customerName;

    @Column(name = "customer_email", updatable = false)
    private String customerEmail;

    @Column(name = "customer_phone", updatable = false)
    private String customerPhone;

    @Column(name = "address_line1", updatable = false)
    private String addressLine1;

    @Column(name = "address_line2", updatable = false)
    private String addressLine2;

    @Column(name = "city", updatable = false)
    private String city;

    @Column(name = "postal_code", updatable = false)
    private String postalCode;

    @Column(name = "country", updatable = false)
    private String country;

    @Enumerated(EnumType.STRING)
    @Column(name = "speed", updatable = false)
    private ShippingSpeed speed;

    @Column(name = "estimated_delivery")
    private LocalDate estimatedDelivery;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Column(name = "shipped_at")
    private Instant shippedAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @ElementCollection
    @CollectionTable(name = "ecommerce_order_line", joinColumns = @JoinColumn(name = "order_row_id"))
    @OrderColumn(name = "position")
    private List<OrderItem> lines = new ArrayList<>();

    protected Order() {
        // for JPA
    }

    private Order(String tenantId, OrderRequest request, OrderStatus status, Instant receivedAt, Instant now) {
        assignTenant(requireNonNull(tenantId, "tenantId is null"));
        requireNonNull(request, "request is null");
        this.orderId = requireNonNull(request.orderId(), "orderId is null");
        this.status = requireNonNull(status, "status is null");
        this.receivedAt = requireNonNull(receivedAt, "receivedAt is null");
        this.updatedAt = requireNonNull(now, "now is null");
        Customer customer = requireNonNull(request.customer(), "customer is null");
        this.customerName = customer.name();
        this.customerEmail = customer.email();
        this.customerPhone = customer.phone();
        Address address = requireNonNull(request.shippingAddress(), "shippingAddress is null");
        this.addressLine1 = address.line1();
        this.addressLine2 = address.line2();
        this.city = address.city();
        this.postalCode = address.postalCode();
        this.country = address.country();
        this.speed = request.speed();
    }

    /** A well-formed order turned down, such as one that stock cannot fill under the REJECT policy. */
    public static Order rejected(String tenantId, OrderRequest request, String reason, Instant receivedAt, Instant now) {
        Order order = new Order(tenantId, request, OrderStatus.REJECTED, receivedAt, now);
        order.reason = requireNonNull(reason, "reason is null");
        order.recordLines(request.lines());
        return order;
    }

    /** A well-formed order waiting for stock under the BACKORDER policy; {@code reason} names the SKUs short. */
    public static Order backordered(String tenantId, OrderRequest request, String reason, Instant receivedAt, Instant now) {
        Order order = new Order(tenantId, request, OrderStatus.BACKORDERED, receivedAt, now);
        order.reason = requireNonNull(reason, "reason is null");
        order.recordLines(request.lines());
        return order;
    }

    /** A well-formed order whose every line holds stock, expected on {@code estimatedDelivery}. */
    public static Order reserved(String tenantId, OrderRequest request, LocalDate estimatedDelivery, Instant receivedAt, Instant now) {
        Order order = new Order(tenantId, request, OrderStatus.RESERVED, receivedAt, now);
        order.estimatedDelivery = requireNonNull(estimatedDelivery, "estimatedDelivery is null");
        order.recordLines(request.lines());
        return order;
    }

    /** Its parcels have labels and left the warehouses; the last of them is expected on {@code estimatedDelivery}. */
    public void ship(LocalDate estimatedDelivery, Instant now) {
        requireNonNull(estimatedDelivery, "estimatedDelivery is null");
        requireNonNull(now, "now is null");
        if (status != OrderStatus.RESERVED) {
            throw new IllegalStateException("order '" + orderId + "' is " + status
                    + ", so it cannot be shipped; only a RESERVED order can");
        }
        this.status = OrderStatus.SHIPPED;
        this.estimatedDelivery = estimatedDelivery;
        this.shippedAt = now;
        this.updatedAt = now;
    }

    /** A carrier revised when the last parcel arrives. */
    public void reviseEstimatedDelivery(LocalDate estimatedDelivery, Instant now) {
        this.estimatedDelivery = requireNonNull(estimatedDelivery, "estimatedDelivery is null");
        this.updatedAt = requireNonNull(now, "now is null");
    }

    /** Its last parcel was delivered at {@code deliveredAt}. */
    public void deliver(Instant deliveredAt, Instant now) {
        requireNonNull(deliveredAt, "deliveredAt is null");
        requireNonNull(now, "now is null");
        if (status != OrderStatus.SHIPPED) {
            throw new IllegalStateException("order '" + orderId + "' is " + status
                    + ", so it cannot be delivered; only a SHIPPED order can");
        }
        this.status = OrderStatus.DELIVERED;
        this.deliveredAt = deliveredAt;
        this.updatedAt = now;
    }

    private void recordLines(List<OrderLine> requested) {
        for (OrderLine line : requireNonNull(requested, "lines is null")) {
            lines.add(new OrderItem(tenantId(), line));
        }
    }

    public String orderId() {
        return orderId;
    }

    public OrderStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String customerName() {
        return customerName;
    }

    public String customerEmail() {
        return customerEmail;
    }

    public String customerPhone() {
        return customerPhone;
    }

    public String addressLine1() {
        return addressLine1;
    }

    public String addressLine2() {
        return addressLine2;
    }

    public String city() {
        return city;
    }

    public String postalCode() {
        return postalCode;
    }

    public String country() {
        return country;
    }

    public ShippingSpeed speed() {
        return speed;
    }

    public LocalDate estimatedDelivery() {
        return estimatedDelivery;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant shippedAt() {
        return shippedAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<OrderItem> lines() {
        return List.copyOf(lines);
    }
}
