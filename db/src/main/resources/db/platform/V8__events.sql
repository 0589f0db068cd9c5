-- Events plugins publish about their subjects (HandlerContext.publish), written in the handler's transaction. They
-- feed live streams, webhooks and tracking pages; the id orders them for a stream's Last-Event-ID resume.
create table events (
    id             bigint generated always as identity primary key,
    tenant_id      text        not null,
    event_id       uuid        not null unique,
    type           text        not null,
    subject_kind   text        not null,
    subject_key    text        not null,
    data           jsonb       not null,
    occurred_at    timestamptz not null,
    correlation_id text
);
create index events_by_tenant on events (tenant_id, id);
create index events_by_subject on events (tenant_id, subject_kind, subject_key, id);
