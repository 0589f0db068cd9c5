-- Carrier scans: carriers post IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED and EXCEPTION for a tracking number, late,
-- out of order and sometimes twice. Every scan joins the shipment's history under the carrier's scan id; only one
-- newer than last_scan_at moves the shipment's current status, and an order ends DELIVERED.

-- scan_id is null for what Acme records itself (LABEL_CREATED); detail is the carrier's own words (an exception's
-- reason, who signed for a delivery), apart from Acme's note.
alter table logistics_shipment_event
    add column scan_id text,
    add column detail  text,
    add constraint logistics_shipment_event_scan_is_carrier check (scan_id is null or status <> 'LABEL_CREATED');

-- A scan posted twice is recorded once: the handler looks first, and this settles two copies that race.
create unique index logistics_shipment_event_scan on logistics_shipment_event (tenant_id, shipment_id, scan_id)
    where scan_id is not null;

-- When the scan that set the current status occurred; null until the first scan. A scan that occurred no later
-- only joins the history.
alter table logistics_shipment add column last_scan_at timestamptz;

-- delivered_at is when the carrier scanned the delivery, not when Acme learned of it.
alter table logistics_order add column delivered_at timestamptz;
alter table logistics_order drop constraint logistics_order_status_check;
alter table logistics_order
    add constraint logistics_order_status_check
        check (status in ('DISPATCHED', 'SHIPPED', 'NOTIFIED', 'DELIVERED', 'REJECTED')),
    add constraint logistics_order_delivered_check
        check (status <> 'DELIVERED' or (tracking_number is not null and delivered_at is not null));
