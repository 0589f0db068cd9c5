-- The sweeper keeps count of its attempts per row and backs off per row, so one row that cannot be sent waits its
-- turn instead of being retried first on every sweep; after repeated failures that are not outages it is parked
-- (kept, shown through the API and in health, retried on request) rather than retried for ever.
alter table outbox add column attempts int not null default 0;
alter table outbox add column next_attempt_at timestamptz;
alter table outbox add column last_error text;
alter table outbox add column parked_at timestamptz;
create index outbox_parked on outbox (tenant_id, parked_at) where parked_at is not null;
