-- Acme Logistics: orders as received and dispatched, their shipments with a status history, and the customer
-- notifications recorded for them. Every table carries tenant_id, and every lookup filters by it.
-- Status and service-level columns hold Java enum names; the checks keep a typo out of the data.

-- One row per (tenant, order id): the key that makes an order sent twice under different message ids a no-op.
-- A rejected order keeps whatever the request held, so most columns are nullable.
create table logistics_order (
    id                  bigint generated always as identity primary key,
    tenant_id           text not null references tenant (id),
    order_id            text not null,
    status              text not null check (status in ('DISPATCHED', 'SHIPPED', 'NOTIFIED', 'REJECTED')),
    rejection_reason    text,
    customer_name       text,
    customer_email      text,
    customer_phone      text,
    address_line1       text,
    address_line2       text,
    city                text,
    postal_code         text,
    country             text,
    service_level       text check (service_level in ('STANDARD', 'EXPRESS', 'OVERNIGHT')),
    instructions        text,
    signature_required  boolean not null default false,
    hub                 text,
    pickup_date         date,
    estimated_delivery  date,
    total_weight_kg     numeric,
    parcel_count        integer check (parcel_count >= 1),
    tracking_number     text,
    received_at         timestamptz not null,
    dispatched_at       timestamptz,
    notified_at         timestamptz,
    updated_at          timestamptz not null,
    unique (tenant_id, order_id),
    check (status <> 'REJECTED' or rejection_reason is not null),
    check (status = 'REJECTED' or (hub is not null and pickup_date is not null and estimated_delivery is not null
                                   and dispatched_at is not null)),
    check (status not in ('SHIPPED', 'NOTIFIED') or tracking_number is not null)
);
-- Operations list a tenant's orders by status (stuck DISPATCHED ones, recent rejections).
create index logistics_order_by_status on logistics_order (tenant_id, status, updated_at);

-- Items only of well-formed orders; weight_kg is the weight of one unit.
create table logistics_order_item (
    order_row_id  bigint not null references logistics_order (id) on delete cascade,
    position      integer not null,
    tenant_id     text not null,
    sku           text not null,
    description   text,
    quantity      integer not null check (quantity between 1 and 1000),
    weight_kg     numeric not null check (weight_kg > 0),
    primary key (order_row_id, position)
);

-- Tracking numbers are unique worldwide, not per tenant: parcels carry them outside Conveyor.
create table logistics_shipment (
    id                  bigint generated always as identity primary key,
    tenant_id           text not null references tenant (id),
    tracking_number     text not null unique,
    order_id            text not null,
    status              text not null check (status in ('LABEL_CREATED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION')),
    hub                 text not null,
    service_level       text not null check (service_level in ('STANDARD', 'EXPRESS', 'OVERNIGHT')),
    estimated_delivery  date,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    unique (tenant_id, order_id),
    foreign key (tenant_id, order_id) references logistics_order (tenant_id, order_id)
);

-- occurred_at is when it happened (a scan), recorded_at when Acme learned of it; they differ for late scans.
create table logistics_shipment_event (
    id           bigint generated always as identity primary key,
    tenant_id    text not null,
    shipment_id  bigint not null references logistics_shipment (id) on delete cascade,
    status       text not null check (status in ('LABEL_CREATED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION')),
    occurred_at  timestamptz not null,
    location     text,
    note         text,
    recorded_at  timestamptz not null
);
create index logistics_shipment_event_history on logistics_shipment_event (shipment_id, occurred_at, id);

-- One per (tenant, tracking number, status): a status announced twice notifies the customer once.
create table logistics_notification (
    id                  bigint generated always as identity primary key,
    tenant_id           text not null references tenant (id),
    order_id            text not null,
    tracking_number     text not null,
    channel             text not null check (channel in ('EMAIL')),
    recipient           text not null,
    status              text not null check (status in ('LABEL_CREATED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION')),
    estimated_delivery  date,
    tracking_url        text not null,
    message             text not null,
    created_at          timestamptz not null,
    unique (tenant_id, tracking_number, status)
);
create index logistics_notification_by_order on logistics_notification (tenant_id, order_id);

-- The 8-digit serial of UPU S10 tracking numbers (CV + serial + check digit + US), shared by all tenants.
-- maxvalue makes exhaustion an error in the database rather than a malformed number.
create sequence logistics_tracking_serial start 10000000 minvalue 10000000 maxvalue 99999999;
