-- The tables written once per message (inbox, outbox) no longer reference tenant: every insert took a FOR KEY SHARE
-- lock on the tenant's row, so one tenant's concurrent messages queued on multixacts. Tenant rows are never deleted
-- (a deleted tenant stays, marked DELETED), so the references guarded nothing.
alter table inbox drop constraint inbox_tenant_id_fkey;
alter table outbox drop constraint outbox_tenant_id_fkey;

-- The outbox holds only messages not yet sent: a sent row is deleted (in batches) rather than marked, as nothing
-- reads sent rows and marking cost an update, two index entries and a purge per message.
delete from outbox where sent_at is not null;
drop index outbox_sent_at;
drop index outbox_unsent;
alter table outbox drop column sent_at;
create index outbox_due on outbox (visible_at);

-- inbox_tenant_processed_at (processed_at, tenant_id) serves every query this one did.
drop index inbox_processed_at;
