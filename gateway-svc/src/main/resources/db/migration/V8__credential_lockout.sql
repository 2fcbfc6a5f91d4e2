-- One failure counter per credential, shared by every door that checks it (POST /v1/auth/token
-- and PayRep's Rmz), keyed by client id: a merchant's number or a configured client's id.
-- pending counts attempts admitted and not yet settled, so that attempts sent all at once cannot
-- check more secrets than the limit allows; pending_since lets a crash's leftovers expire.
create table credential_lockout (
    client_id       text primary key,
    failures        int         not null,
    last_failure_at timestamptz,
    locked_until    timestamptz,
    pending         int         not null default 0,
    pending_since   timestamptz
);

insert into credential_lockout (client_id, failures, last_failure_at, locked_until)
select m.merchant_number, r.failures, r.updated_at, r.locked_until
from rmz_lockout r join merchant m on m.id = r.merchant_id;

drop table rmz_lockout;

-- Failed attempts by source address across all credentials: a source with too many is throttled
-- before it can lock anyone out.
create table auth_source_failure (
    source          text primary key,
    failures        int         not null,
    last_failure_at timestamptz,
    pending         int         not null default 0,
    pending_since   timestamptz
);
