-- One outbox row per transaction, as a service's state change writes it. ce_time = commit time.
insert into outbox_event (id, topic, event_key, event_type, payload, occurred_at)
values (gen_random_uuid(), 'bench.outbox', 'bench-' || :client_id || '-' || (random() * 1000)::int,
        'BenchmarkTick', '{"bench":true}', clock_timestamp());
