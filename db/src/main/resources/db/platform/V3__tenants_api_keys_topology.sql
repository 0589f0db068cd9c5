-- Tenants managed through the admin API: plugin configuration, an optional storage account of their own,
-- lifecycle status, and per-stage topology overrides versioned for optimistic concurrency (ETag / If-Match).
alter table tenant drop constraint tenant_status_check;
alter table tenant
    add column config                   jsonb  not null default '{}',
    add column storage_connection_string text,
    add column version                  bigint not null default 1,
    add column topology_overrides       jsonb  not null default '{}',
    add column topology_version         bigint not null default 1,
    add constraint tenant_status_check check (status in ('PROVISIONING', 'ACTIVE', 'SUSPENDED', 'DELETED'));

-- Who changed a tenant's topology, when, and from what to what.
create table topology_audit (
    id          bigint generated always as identity primary key,
    tenant_id   text not null references tenant (id),
    version     bigint not null,
    actor       text not null,
    changed_at  timestamptz not null default now(),
    before      jsonb not null,
    after       jsonb not null
);
create index topology_audit_tenant on topology_audit (tenant_id, version);

-- API keys: the secret is shown once and stored only as its SHA-256 (it is 256 random bits, so a slow hash
-- adds nothing). Platform keys have no tenant.
create table api_key (
    id            text primary key,
    tenant_id     text references tenant (id),
    name          text not null,
    scope         text not null check (scope in ('PLATFORM_ADMIN', 'TENANT_ADMIN', 'TENANT_INGEST', 'TENANT_READ')),
    secret_hash   text not null,
    created_at    timestamptz not null default now(),
    created_by    text not null,
    revoked_at    timestamptz,
    check ((scope = 'PLATFORM_ADMIN') = (tenant_id is null))
);
create index api_key_tenant on api_key (tenant_id);

-- The role the application's queries run as: neither superuser nor owner, and without BYPASSRLS, so the
-- row-level security policies the engine puts on every table with a tenant_id column apply to it.
do $$
begin
    if not exists (select from pg_roles where rolname = 'conveyor_app') then
        create role conveyor_app nologin nosuperuser nobypassrls;
    end if;
end
$$;
grant usage on schema public to conveyor_app;
