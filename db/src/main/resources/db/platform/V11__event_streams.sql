-- Live streams across instances: every committed event is announced on the channel conveyor_events with a small
-- pointer, "<id> <tenant_id>". Listeners (one connection per instance) read the row itself, within its tenant; Postgres
-- delivers the announcement at commit, and never for a rolled-back event.
create function announce_event() returns trigger language plpgsql as $$
begin
    perform pg_notify('conveyor_events', new.id::text || ' ' || new.tenant_id);
    return null;
end
$$;

create trigger events_announced after insert on events for each row execute function announce_event();

-- The retention purge deletes by age.
create index events_by_age on events (occurred_at);
