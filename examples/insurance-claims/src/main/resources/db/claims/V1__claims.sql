-- One row per claim and tenant; the stages fill it in as the claim moves on.
create table insurance_claim (
    id               bigserial primary key,
    tenant_id        varchar(63)    not null,
    claim_id         varchar(64)    not null,
    policy_number    varchar(32)    not null,
    claimant_name    varchar(200)   not null,
    claimant_email   varchar(320)   not null,
    kind             varchar(16)    not null,
    claimed_amount   numeric(12, 2) not null,
    incident_date    date           not null,
    status           varchar(16)    not null,
    severity         varchar(8),
    rejection_reason varchar(500),
    adjuster         varchar(200),
    paid_amount      numeric(12, 2),
    payment_ref      varchar(64),
    claimant_told    varchar(1000),
    submitted_at     timestamptz    not null,
    updated_at       timestamptz    not null,
    unique (tenant_id, claim_id)
);
