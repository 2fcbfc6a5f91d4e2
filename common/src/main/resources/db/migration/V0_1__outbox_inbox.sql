-- The outbox: events written in the transaction of the state change they announce.
create table outbox_event (
    seq         bigserial primary key,
    id          uuid        not null unique,
    topic       text        not null,
    event_key   text        not null,
    event_type  text        not null,
    payload     jsonb       not null,
    occurred_at timestamptz not null,
    created_at  timestamptz not null default clock_timestamp()
);

-- NOTIFY is delivered at commit, so the relay wakes exactly when there is something to publish.
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox_event', '');
    return null;
end
$$;

create trigger outbox_event_notify after insert on outbox_event
    for each statement execute function outbox_event_notify();

-- The inbox: ids of events a consumer has already applied.
create table inbox_event (
    consumer    text        not null,
    event_id    text        not null,
    event_type  text        not null,
    received_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
