-- The console lists a tenant's most recent deliveries (optionally of one channel): without this it sorted every
-- delivery the tenant has within the retention.
create index notification_deliveries_recent on notification_deliveries (tenant_id, created_at desc, id);
