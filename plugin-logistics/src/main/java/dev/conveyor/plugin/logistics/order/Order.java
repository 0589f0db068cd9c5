package dev.conveyor.plugin.logistics.order;

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
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An order as Acme Logistics recorded it, from receipt to delivery. One per
 * (tenant, orderId): that key is what makes an order submitted twice under different message ids a no-op.
 */
// ORDER is a reserved word of JPQL, which Spring Data renders the repository's derived queries in: hence another name.
@Entity(name = "LogisticsOrder")
@Table(name = "logistics_order")
public class Order extends TenantScoped {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private String orderId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private OrderStatus status;

    @Column(name = "rejection_reason")
    private String rejectionReason;

    @Column(name = "customer_name")
    private String customerName;

    @Column(name = "customer_email")
    private String customerEmail;

    @Column(name = "customer_phone")
    private String customerPhone;

    @Column(name = "address_line1")
    private String addressLine1;

    @Column(name = "address_line2")
    private String addressLine2;

    @Column(name = "city")
    private String city;

    @Column(name = "postal_code")
    private String postalCode;

    @Column(name = "country")
    private String country;

    @Enumerated(EnumType.STRING)
    @Column(name = "service_level")
    private ServiceLevel serviceLevel;

    @Column(name = "instructions")
    private String instructions;

    @Column(name = "signature_required", nullable = false)
    private boolean signatureRequired;

    @Column(name = "hub")
    private String hub;

    @Column(name = "pickup_date")
    private LocalDate pickupDate;

    @Column(name = "estimated_delivery")
    private LocalDate estimatedDelivery;

    @Column(name = "total_weight_kg")
    private BigDecimal totalWeightKg;

    @Column(name = "parcel_count")
    private Integer parcelCount;

    @Column(name = "tracking_number")
    private String trackingNumber;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Column(name = "dispatched_at")
    private Instant dispatchedAt;

    @Column(name = "notified_at")
    private Instant notifiedAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @ElementCollection
    @CollectionTable(name = "logistics_order_item", joinColumns = @JoinColumn(name = "order_row_id"))
    @OrderColumn(name = "position")
    private List<OrderLine> items = new ArrayList<>();

    protected Order() {
        // for JPA
    }

    // The tenant is taken here rather than left to the platform at persist: the order's lines copy it as they are made.
    private Order(String tenantId, OrderRequest request, OrderStatus status, Instant receivedAt, Instant now) {
        assignTenant(requireNonNull(tenantId, "tenantId is null"));
        requireNonNull(request, "request is null");
        this.orderId = requireNonNull(request.orderId(), "orderId is null");
        this.status = requireNonNull(status, "status is null");
        this.receivedAt = requireNonNull(receivedAt, "receivedAt is null");
        this.updatedAt = requireNonNull(now, "now is null");
        Customer customer = request.customer();
        this.customerName = customer.name();
        this.customerEmail = customer.email();
        this.customerPhone = customer.phone();
        ShippingInstructions shipping = request.shipping();
        this.serviceLevel = shipping.serviceLevel();
        this.instructions = shipping.instructions();
        this.signatureRequired = shipping.signatureRequired();
        Address address = shipping.address();
        this.addressLine1 = address.line1();
        this.addressLine2 = address.line2();
        this.city = address.city();
        this.postalCode = address.postalCode();
        this.country = address.country();
        for (OrderItem item : request.items()) {
            items.add(new OrderLine(tenantId, item));
        }
    }

    /** A well-formed order that a business rule turns down, such as a destination Acme does not serve. */
    public static Order rejected(String tenantId, OrderRequest request, String reason, Instant receivedAt, Instant now) {
        Order order = new Order(tenantId, request, OrderStatus.REJECTED, receivedAt, now);
        order.rejectionReason = requireNonNull(reason, "reason is null");
        return order;
    }

    /** A well-formed order assigned to a hub, with its pickup and delivery dates. */
    public static Order dispatched(
            String tenantId,
            OrderRequest request,
            String hub,
            LocalDate pickupDate,
            LocalDate estimatedDelivery,
            BigDecimal totalWeightKg,
            int parcelCount,
            Instant receivedAt,
            Instant now) {
        Order order = new Order(tenantId, request, OrderStatus.DISPATCHED, receivedAt, now);
        order.hub = requireNonNull(hub, "hub is null");
        order.pickupDate = requireNonNull(pickupDate, "pickupDate is null");
        order.estimatedDelivery = requireNonNull(estimatedDelivery, "estimatedDelivery is null");
        order.totalWeightKg = requireNonNull(totalWeightKg, "totalWeightKg is null");
        order.parcelCount = parcelCount;
        order.dispatchedAt = now;
        return order;
    }

    /** The shipping label is printed: the order travels under {@code trackingNumber}. */
    public void ship(String trackingNumber, Instant now) {
        requireNonNull(trackingNumber, "trackingNumber is null");
        requireNonNull(now, "now is null");
        if (status != OrderStatus.DISPATCHED) {
            throw new IllegalStateException("order '" + orderId + "' is " + status + ", so it cannot be shipped; only a DISPATCHED order can");
        }
        this.trackingNumber = trackingNumber;
        this.status = OrderStatus.SHIPPED;
        this.updatedAt = now;
    }

    /**
     * The customer was told about the shipment. The first notification makes a SHIPPED order NOTIFIED and sets
     * {@code notifiedAt}; later ones leave the order as it is.
     */
    public void markNotified(Instant now) {
        requireNonNull(now, "now is null");
        if (notifiedAt != null) {
            return;
        }
        if (status == OrderStatus.SHIPPED) {
            this.status = OrderStatus.NOTIFIED;
        }
        this.notifiedAt = now;
        this.updatedAt = now;
    }

    /** The carrier scanned the parcel as delivered at {@code deliveredAt}; the first such scan is the one recorded. */
    public void markDelivered(Instant deliveredAt, Instant now) {
        requireNonNull(deliveredAt, "deliveredAt is null");
        requireNonNull(now, "now is null");
        if (status == OrderStatus.DELIVERED) {
            return;
        }
        if (status != OrderStatus.SHIPPED && status != OrderStatus.NOTIFIED) {
            throw new IllegalStateException("order '" + orderId + "' is " + status + ", so it cannot be delivered; only a "
                    + "SHIPPED or NOTIFIED order can");
        }
        this.status = OrderStatus.DELIVERED;
        this.deliveredAt = deliveredAt;
        this.updatedAt = now;
    }

    /** The carrier expects to deliver on another day than dispatch planned. */
    public void reschedule(LocalDate estimatedDelivery, Instant now) {
        requireNonNull(estimatedDelivery, "estimatedDelivery is null");
        requireNonNull(now, "now is null");
        if (estimatedDelivery.equals(this.estimatedDelivery)) {
            return;
        }
        this.estimatedDelivery = estimatedDelivery;
        this.updatedAt = now;
    }

    public String orderId() {
        return orderId;
    }

    public OrderStatus status() {
        return status;
    }

    public String rejectionReason() {
        return rejectionReason;
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

    public ServiceLevel serviceLevel() {
        return serviceLevel;
    }

    public String instructions() {
        return instructions;
    }

    public boolean signatureRequired() {
        return signatureRequired;
    }

    public String hub() {
        return hub;
    }

    public LocalDate pickupDate() {
        return pickupDate;
    }

    public LocalDate estimatedDelivery() {
        return estimatedDelivery;
    }

    public BigDecimal totalWeightKg() {
        return totalWeightKg;
    }

    public Integer parcelCount() {
        return parcelCount;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant dispatchedAt() {
        return dispatchedAt;
    }

    public Instant notifiedAt() {
        return notifiedAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<OrderLine> items() {
        return List.copyOf(items);
    }
}
