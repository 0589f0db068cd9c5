-- Every failed delivery of a message, with its error, so an operator sees the whole story of a dead letter.
create table message_attempt (
    id            bigint generated always as identity primary key,
    tenant_id     text not null references tenant (id),
    stage         text not null,
    message_id    text not null,
    attempt       bigint not null,
    error_class   text,
    error         text not null,
    stack_trace   text,
    failed_at     timestamptz not null default now()
);
create index message_attempt_message on message_attempt (tenant_id, stage, message_id, attempt);
create index message_attempt_failed_at on message_attempt (failed_at);

-- Dead letters an operator works with: replayed to their stage or discarded, by whom and when; and where the
-- poison queue's copy is, so that it goes when the dead letter is resolved.
alter table dead_letter
    add column status              text not null default 'DEAD' check (status in ('DEAD', 'REPLAYED', 'DISCARDED')),
    add column resolved_at         timestamptz,
    add column resolved_by         text,
    add column poison_message_id   text,
    add column poison_pop_receipt  text;
create index dead_letter_listing on dead_letter (tenant_id, status, last_failed_at desc);
create index dead_letter_last_failed_at on dead_letter (last_failed_at);
create index inbox_tenant_processed_at on inbox (processed_at, tenant_id);
create index idempotency_key_created_at on idempotency_key (created_at);
create index outbox_sent_at on outbox (sent_at) where sent_at is not null;
