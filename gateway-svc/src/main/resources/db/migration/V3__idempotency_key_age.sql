-- The sweep forgets keys by age every few seconds: an index keeps that off a full scan.
create index idempotency_key_created_at on idempotency_key (created_at);
