-- The sweeper now also releases delayed messages and scans unsent rows by when they are due.
drop index outbox_unsent;
create index outbox_unsent on outbox (visible_at) where sent_at is null;
