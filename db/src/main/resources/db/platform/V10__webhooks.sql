-- Webhooks: a tenant's endpoints, one message per (event, endpoint), and every delivery attempt of it.
create table webhook_endpoints (
    tenant_id                  text        not null,
    id                         uuid        primary key,
    url                        text        not null,
    description                text        not null default '',
    -- null: every event type of the tenant's plugin
    event_types                text[],
    -- encrypted with the platform's secrets key; the previous one stays valid until previous_secret_expires_at
    secret                     text        not null,
    previous_secret            text,
    previous_secret_expires_at timestamptz,
    disabled_at                timestamptz,
    disabled_reason            text,
    -- the first failed attempt since the last success: an endpoint failing for too long is disabled
    failing_since              timestamptz,
    created_at                 timestamptz not null,
    updated_at                 timestamptz not null
);
create index webhook_endpoints_by_tenant on webhook_endpoints (tenant_id, created_at);

create table webhook_messages (
    tenant_id       text        not null,
    id              uuid        primary key,
    endpoint_id     uuid        not null references webhook_endpoints (id) on delete cascade,
    event_id        uuid        not null,
    event_type      text        not null,
    -- PENDING (due at next_attempt_at), SUCCEEDED, FAILED (its schedule ran out or the endpoint answered 410)
    status          text        not null default 'PENDING',
    attempts        int         not null default 0,
    next_attempt_at timestamptz,
    last_attempt_at timestamptz,
    created_at      timestamptz not null,
    unique (endpoint_id, event_id)
);
create index webhook_messages_due on webhook_messages (next_attempt_at) where status = 'PENDING';
create index webhook_messages_by_endpoint on webhook_messages (tenant_id, endpoint_id, created_at);

create table webhook_attempts (
    id           bigint generated always as identity primary key,
    tenant_id    text        not null,
    message_id   uuid        not null references webhook_messages (id) on delete cascade,
    attempted_at timestamptz not null,
    status_code  int,
    duration_ms  int         not null,
    response     text,
    error        text
);
create index webhook_attempts_by_message on webhook_attempts (message_id, id);

-- One message per event for every enabled endpoint of its tenant that subscribes to its type, written in the
-- publishing handler's transaction: a message exists exactly when its event does, and is only seen once committed.
create function webhook_messages_for_event() returns trigger language plpgsql as $$
begin
    insert into webhook_messages (tenant_id, id, endpoint_id, event_id, event_type, next_attempt_at, created_at)
    select new.tenant_id, gen_random_uuid(), endpoint.id, new.event_id, new.type, new.occurred_at, new.occurred_at
    from webhook_endpoints endpoint
    where endpoint.tenant_id = new.tenant_id and endpoint.disabled_at is null
      and (endpoint.event_types is null or new.type = any (endpoint.event_types));
    return null;
end
$$;
create trigger events_to_webhook_messages after insert on events
    for each row execute function webhook_messages_for_event();
