-- What each process did per tenant, stage and 10-second bucket: processed and failed messages, handler times counted
-- in fixed buckets (the same bounds everywhere, so processes add up), and the messages it had in flight at its last
-- write. Written only when something happened; the console reads the sum over processes. Row-level security and the
-- grants come from the callback that secures every table with a tenant_id. Purged after an hour.
create table stage_activity (
    tenant_id     text        not null,
    stage         text        not null,
    bucket_start  timestamptz not null,
    process_id    uuid        not null,
    processed     bigint      not null,
    failed        bigint      not null,
    handler_times bigint[]    not null,
    in_flight     integer     not null,
    updated_at    timestamptz not null,
    primary key (tenant_id, stage, bucket_start, process_id)
);

-- The purge deletes by age.
create index stage_activity_by_age on stage_activity (bucket_start);
