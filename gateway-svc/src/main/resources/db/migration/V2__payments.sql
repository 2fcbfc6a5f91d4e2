-- One row per checkout. The card is kept only as a token plus BIN and last four digits.
create table payment (
    id                 uuid primary key,
    merchant_id        uuid        not null references merchant (id),
    merchant_reference text        not null,
    amount             bigint      not null check (amount > 0),
    currency           char(3)     not null,
    payer_name         text,
    description        text,
    redirect_url       text        not null,
    origin             text        not null,
    status             text        not null,
    created_at         timestamptz not null,
    expires_at         timestamptz not null,
    authorized_at      timestamptz,
    verify_deadline    timestamptz,
    captured_at        timestamptz,
    reversed_at        timestamptz,
    reversal_reason    text,
    declined_at        timestamptz,
    decline_reason     text,
    response_code      text,
    card_token         text,
    card_bin           char(6),
    card_last4         char(4),
    card_brand         text,
    auth_code          text,
    rrn                text,
    payer_ip           text,
    refunded_amount    bigint      not null default 0 check (refunded_amount >= 0 and refunded_amount <= amount),
    settlement_date    date,
    settlement_number  text,
    unique (merchant_id, merchant_reference)
);

create index payment_by_merchant on payment (merchant_id, created_at desc);
-- The sweep reads only open payments; the partial index keeps it small.
create index payment_open on payment (status, expires_at, verify_deadline)
    where status in ('CREATED', 'AUTHORIZED');

create table refund (
    id           uuid primary key,
    payment_id   uuid        not null references payment (id),
    amount       bigint      not null check (amount > 0),
    reason       text,
    status       text        not null,
    rrn          text,
    created_at   timestamptz not null,
    completed_at timestamptz
);

create index refund_by_payment on refund (payment_id, created_at);

-- A client's Idempotency-Key: claimed in the transaction of the change it guards.
create table idempotency_key (
    merchant_id     uuid        not null,
    idempotency_key text        not null,
    fingerprint     text        not null,
    response_status int,
    response_body   text,
    created_at      timestamptz not null,
    primary key (merchant_id, idempotency_key)
);

-- Wrong Rmz answers to PayRep, counted per merchant for the lockout.
create table rmz_lockout (
    merchant_id  uuid primary key references merchant (id),
    failures     int         not null,
    locked_until timestamptz,
    updated_at   timestamptz not null
);
