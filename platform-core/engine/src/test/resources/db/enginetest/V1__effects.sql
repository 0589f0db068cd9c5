-- One row per effect a test handler performed: exactly-once shows as one row per (job, stage).
create table engine_test_effect (
    id          bigint generated always as identity primary key,
    tenant_id   text not null,
    job_id      text not null,
    stage       text not null,
    attempt     bigint not null,
    created_at  timestamptz not null default now()
);
