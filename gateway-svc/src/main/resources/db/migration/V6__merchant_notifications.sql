-- Server-to-server notifications of payment events to the merchant's notify URL, written in the
-- transaction of the event itself and delivered at least once by the dispatcher.
create table merchant_notification (
    id              uuid primary key, -- the id the merchant deduplicates on
    merchant_id     uuid        not null references merchant (id),
    payment_id      uuid        not null,
    event_type      text        not null,
    url             text        not null, -- the notify URL when the event happened
    payload         text        not null, -- the exact body sent (and signed)
    status          text        not null, -- PENDING, DELIVERED, FAILED (retries given up)
    attempts        int         not null default 0,
    retry_step      int         not null default 0, -- position in the retry schedule
    next_attempt_at timestamptz,
    last_attempt_at timestamptz,
    last_status     int,
    last_error      text,
    created_at      timestamptz not null,
    delivered_at    timestamptz
);

create index merchant_notification_due on merchant_notification (next_attempt_at) where status = 'PENDING';
create index merchant_notification_by_merchant on merchant_notification (merchant_id, created_at desc);

create table merchant_notification_attempt (
    notification_id uuid        not null references merchant_notification (id),
    attempt         int         not null,
    attempted_at    timestamptz not null,
    status_code     int,        -- null when no HTTP answer came
    error           text,
    duration_ms     int         not null,
    primary key (notification_id, attempt)
);
