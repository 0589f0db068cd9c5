-- Platform schema: tenants, and the tables behind exactly-once effects (inbox, outbox) and dead letters.
-- Every table that belongs to a tenant carries tenant_id first, so its indexes serve per-tenant queries.

create table tenant (
    id            text primary key check (id ~ '^[a-z0-9][a-z0-9-]{1,30}[a-z0-9]$' and id !~ '--'),
    display_name  text not null,
    plugin_id     text not null,
    status        text not null default 'ACTIVE' check (status in ('ACTIVE', 'SUSPENDED')),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);

-- One row per (stage, message) a handler has committed: a redelivered message finds its row and is skipped.
create table inbox (
    tenant_id     text not null references tenant (id),
    stage         text not null,
    message_id    text not null,
    processed_at  timestamptz not null default now(),
    primary key (tenant_id, stage, message_id)
);
create index inbox_processed_at on inbox (processed_at);

-- Messages written in the same transaction as the handler's effects, sent to the queue after commit.
-- sent_at stays null until the queue accepted the message; the sweeper resends rows left unsent by a crash.
create table outbox (
    id            uuid primary key,
    tenant_id     text not null references tenant (id),
    queue_name    text not null,
    message_id    text not null,
    body          text not null,
    visible_at    timestamptz not null default now(),
    created_at    timestamptz not null default now(),
    sent_at       timestamptz
);
create index outbox_unsent on outbox (created_at) where sent_at is null;

-- Messages that failed for good: the body as received, the error, and the queue it was moved from.
create table dead_letter (
    id              bigint generated always as identity primary key,
    tenant_id       text not null references tenant (id),
    stage           text not null,
    queue_name      text not null,
    message_id      text not null,
    correlation_id  text,
    message_type    text,
    body            text not null,
    reason          text not null,
    error_class     text,
    stack_trace     text,
    dequeue_count   bigint not null,
    first_failed_at timestamptz not null default now(),
    last_failed_at  timestamptz not null default now(),
    unique (tenant_id, stage, message_id)
);
create index dead_letter_correlation on dead_letter (tenant_id, correlation_id);

-- The first answer to a POST carrying an Idempotency-Key, so a retried POST gets the same answer.
create table idempotency_key (
    tenant_id     text not null references tenant (id),
    key           text not null,
    request_hash  text not null,
    message_id    text not null,
    created_at    timestamptz not null default now(),
    primary key (tenant_id, key)
);
