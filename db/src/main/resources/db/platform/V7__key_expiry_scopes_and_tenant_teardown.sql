-- API keys may expire. TENANT_OPERATIONS: the key of a system that runs a tenant's business (a carrier's scans,
-- a clinic's appointment changes), which a storefront's TENANT_INGEST key must not be able to post.
alter table api_key
    add column expires_at timestamptz,
    drop constraint api_key_scope_check,
    add constraint api_key_scope_check
        check (scope in ('PLATFORM_ADMIN', 'TENANT_ADMIN', 'TENANT_OPERATIONS', 'TENANT_INGEST', 'TENANT_READ'));

-- A deleted tenant's teardown (queues, unsent messages) and, when asked for, the erasure of its personal data
-- are recorded as pending until complete, so that a teardown that failed halfway is resumed.
alter table tenant
    add column teardown_pending boolean not null default false,
    add column erase_pending    boolean not null default false,
    add column erased_at        timestamptz;
