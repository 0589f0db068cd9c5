-- A unique key the "duplicate-key" behaviour violates, so that Postgres' error names a row value.
create table engine_test_unique (
    tenant_id   text not null,
    job_id      text not null,
    primary key (tenant_id, job_id)
);
