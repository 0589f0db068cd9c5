-- A tenant's own provider per channel (its SMTP server, its SMS account), used for its deliveries instead of the
-- platform's. What is not secret is JSON; the password or auth token is encrypted with the secrets key (cvs1:...).
create table notification_providers (
    tenant_id  text        not null,
    channel    text        not null check (channel in ('EMAIL', 'SMS')),
    settings   jsonb       not null,
    secret     text,
    updated_at timestamptz not null,
    primary key (tenant_id, channel)
);
