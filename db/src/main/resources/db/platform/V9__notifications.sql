-- Notifications plugins ask for (HandlerContext.notify), written in the handler's transaction with one delivery row
-- per channel; the dispatcher delivers the rows after commit (claimed with FOR UPDATE SKIP LOCKED and a lease, so
-- several instances share the work and a crashed one's rows are taken over).

-- The tenant's contact records: the newest contact a plugin gave for each recipient id.
create table notification_contacts (
    tenant_id    text        not null,
    recipient_id text        not null,
    name         text,
    email        text,
    phone        text,
    time_zone    text,
    locale       text,
    updated_at   timestamptz not null,
    primary key (tenant_id, recipient_id)
);

create table notifications (
    id             uuid        primary key,
    tenant_id      text        not null,
    kind           text        not null,
    recipient_id   text        not null,
    subject_kind   text        not null,
    subject_key    text        not null,
    data           jsonb       not null,
    critical       boolean     not null,
    created_at     timestamptz not null,
    correlation_id text,
    -- the contact as it was when the notification was asked for: what its deliveries are addressed to
    recipient      jsonb       not null
);
create index notifications_by_subject on notifications (tenant_id, subject_kind, subject_key, created_at);
create index notifications_by_recipient on notifications (tenant_id, recipient_id, created_at);

create table notification_deliveries (
    id                  uuid        primary key,
    tenant_id           text        not null,
    notification_id     uuid        not null references notifications (id) on delete cascade,
    channel             text        not null check (channel in ('EMAIL', 'SMS')),
    status              text        not null
        check (status in ('QUEUED', 'SENDING', 'DELIVERED', 'FAILED', 'BOUNCED', 'SUPPRESSED')),
    -- sent with every attempt (Message-ID, the SMS provider's idempotency token): a repeat after a crash is one message
    idempotency_key     text        not null unique,
    attempts            integer     not null default 0,
    next_attempt_at     timestamptz not null,
    lease_until         timestamptz,
    -- why it waits (quiet hours) or was not sent (opted out, no address)
    note                text,
    provider            text,
    provider_message_id text,
    last_error_category text,
    last_error          text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    delivered_at        timestamptz,
    unique (notification_id, channel)
);
create index notification_deliveries_due on notification_deliveries (next_attempt_at)
    where status in ('QUEUED', 'SENDING');
create index notification_deliveries_by_notification on notification_deliveries (tenant_id, notification_id);

-- The tenant's channels, quiet hours and branding; absent: the defaults (NotificationSettings.defaults()).
create table notification_settings (
    tenant_id  text        primary key,
    settings   jsonb       not null,
    updated_at timestamptz not null
);

-- The tenant's templates per kind and channel; absent: the defaults shipped with the platform.
create table notification_templates (
    tenant_id  text        not null,
    kind       text        not null,
    channel    text        not null check (channel in ('EMAIL', 'SMS')),
    subject    text,
    html       text,
    text       text        not null,
    updated_at timestamptz not null,
    primary key (tenant_id, kind, channel)
);

-- A recipient's opt-outs: '*' for every channel or every kind.
create table notification_opt_outs (
    tenant_id    text        not null,
    recipient_id text        not null,
    channel      text        not null,
    kind         text        not null,
    created_at   timestamptz not null,
    primary key (tenant_id, recipient_id, channel, kind)
);
