-- The relay is no longer woken by a NOTIFY inside every writing transaction: a NOTIFY takes a
-- cluster-wide lock at commit, which serialised every commit that wrote an event. The writing
-- process wakes its own relay after the write and sends one coalesced NOTIFY, outside any business
-- transaction, for the relays of other replicas (see OutboxRelay).
drop trigger if exists outbox_event_notify on outbox_event;
drop function if exists outbox_event_notify();
