-- Notes the "note" behaviour saves through a repository: a TenantScoped entity whose tenant the platform fills.
create table engine_test_note (
    id          bigint generated always as identity primary key,
    tenant_id   text not null,
    job_id      text not null
);
