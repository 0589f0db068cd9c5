-- E-Commerce Express: stock per warehouse and the reservations held against it, orders, their shipments with a
-- status history, and the customer notifications recorded for them. Every table carries tenant_id, and every
-- lookup filters by it. Status, kind and speed columns hold Java enum names; the checks keep a typo out of the data.

-- Units on the shelf per (warehouse, sku), and how many of them open orders hold. The check is what makes overselling
-- impossible: reservations take stock with one conditional update each, and nothing can push reserved past on_hand.
create table ecommerce_stock (
    tenant_id   text not null references tenant (id),
    warehouse   text not null,
    sku         text not null,
    on_hand     integer not null check (on_hand >= 0),
    reserved    integer not null default 0 check (reserved >= 0),
    updated_at  timestamptz not null default now(),
    primary key (tenant_id, warehouse, sku),
    check (reserved <= on_hand)
);
-- The stock view and reservation planning read one SKU across every warehouse.
create index ecommerce_stock_by_sku on ecommerce_stock (tenant_id, sku);

-- One row per (tenant, order id): the key that makes an order sent twice under different message ids a no-op.
-- A rejected order keeps whatever the request held, so most columns are nullable.
create table ecommerce_order (
    id                  bigint generated always as identity primary key,
    tenant_id           text not null references tenant (id),
    order_id            text not null,
    status              text not null check (status in ('RESERVED', 'BACKORDERED', 'REJECTED', 'SHIPPED', 'DELIVERED')),
    reason              text,
    customer_name       text,
    customer_email      text,
    customer_phone      text,
    address_line1       text,
    address_line2       text,
    city                text,
    postal_code         text,
    country             text,
    speed               text check (speed in ('STANDARD', 'EXPRESS')),
    estimated_delivery  date,
    received_at         timestamptz not null,
    shipped_at          timestamptz,
    delivered_at        timestamptz,
    updated_at          timestamptz not null,
    unique (tenant_id, order_id),
    check (status not in ('REJECTED', 'BACKORDERED') or reason is not null),
    check (status not in ('SHIPPED', 'DELIVERED') or shipped_at is not null),
    check (status <> 'DELIVERED' or delivered_at is not null)
);
-- Operations list a tenant's orders by status (backorders waiting for stock, recent rejections).
create index ecommerce_order_by_status on ecommerce_order (tenant_id, status, updated_at);

-- Lines only of well-formed orders; an order names each SKU once.
create table ecommerce_order_line (
    order_row_id  bigint not null references ecommerce_order (id) on delete cascade,
    position      integer not null,
    tenant_id     text not null references tenant (id),
    sku           text not null,
    quantity      integer not null check (quantity between 1 and 1000),
    primary key (order_row_id, position)
);

-- The units of one order line held in one warehouse. tracking_number and shipped_at are set when the shipping stage
-- takes the units off the shelf (on_hand and reserved both go down), so a row is kept as the record of where a line
-- shipped from.
create table ecommerce_reservation (
    id               bigint generated always as identity primary key,
    tenant_id        text not null references tenant (id),
    order_id         text not null,
    warehouse        text not null,
    sku              text not null,
    quantity         integer not null check (quantity >= 1),
    reserved_at      timestamptz not null,
    tracking_number  text,
    shipped_at       timestamptz,
    unique (tenant_id, order_id, sku),
    foreign key (tenant_id, order_id) references ecommerce_order (tenant_id, order_id),
    foreign key (tenant_id, warehouse, sku) references ecommerce_stock (tenant_id, warehouse, sku),
    check ((tracking_number is null) = (shipped_at is null))
);

-- One parcel per (order, warehouse). Tracking numbers are unique worldwide, not per tenant: parcels carry them
-- outside Conveyor. carrier and tracking_url are copied from the tenant's settings when the label is made, so a
-- later change of settings does not rewrite a label already on a parcel. status_at is when the event behind the
-- current status happened; a scan that happened earlier than it is kept in the history but does not change status.
create table ecommerce_shipment (
    id                  bigint generated always as identity primary key,
    tenant_id           text not null references tenant (id),
    tracking_number     text not null unique,
    order_id            text not null,
    warehouse           text not null,
    speed               text not null check (speed in ('STANDARD', 'EXPRESS')),
    carrier             text not null,
    tracking_url        text not null,
    status              text not null check (status in ('LABEL_CREATED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION')),
    status_at           timestamptz not null,
    estimated_delivery  date not null,
    delivered_at        timestamptz,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    unique (tenant_id, order_id, warehouse),
    foreign key (tenant_id, order_id) references ecommerce_order (tenant_id, order_id),
    check (status <> 'DELIVERED' or delivered_at is not null)
);

-- occurred_at is when it happened (a scan), recorded_at when Conveyor learned of it; they differ for late scans.
-- applied says whether the event set the shipment's status; an out-of-order scan is kept with applied = false.
create table ecommerce_shipment_event (
    id           bigint generated always as identity primary key,
    tenant_id    text not null references tenant (id),
    shipment_id  bigint not null references ecommerce_shipment (id) on delete cascade,
    status       text not null check (status in ('LABEL_CREATED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION')),
    occurred_at  timestamptz not null,
    location     text,
    detail       text,
    scan_id      text,
    applied      boolean not null,
    recorded_at  timestamptz not null
);
create index ecommerce_shipment_event_history on ecommerce_shipment_event (shipment_id, occurred_at, id);
-- A carrier that sends the same scan twice (under different message ids) records it once.
create unique index ecommerce_shipment_event_scan on ecommerce_shipment_event (shipment_id, scan_id) where scan_id is not null;

-- What the customer is told, one per (tenant, order, kind, tracking number): an update announced twice notifies
-- once. Order-level kinds (CONFIRMED, BACKORDERED, REJECTED) have no tracking number, hence the coalesce.
create table ecommerce_notification (
    id               bigint generated always as identity primary key,
    tenant_id        text not null references tenant (id),
    order_id         text not null,
    kind             text not null check (kind in ('CONFIRMED', 'BACKORDERED', 'REJECTED', 'SHIPPED', 'IN_TRANSIT',
                                                   'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION')),
    tracking_number  text,
    channel          text not null check (channel in ('EMAIL')),
    recipient        text not null,
    message          text not null,
    created_at       timestamptz not null,
    foreign key (tenant_id, order_id) references ecommerce_order (tenant_id, order_id)
);
create unique index ecommerce_notification_once
    on ecommerce_notification (tenant_id, order_id, kind, coalesce(tracking_number, ''));

-- The 8-digit serial of UPU S10 tracking numbers (EC + serial + check digit + US), shared by all tenants.
-- maxvalue makes exhaustion an error in the database rather than a malformed number.
create sequence ecommerce_tracking_serial start 10000000 minvalue 10000000 maxvalue 99999999;
