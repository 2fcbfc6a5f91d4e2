-- Days that are not business days besides the weekend, per country (ISO 3166-1).
create table holiday (
    country char(2) not null,
    day     date    not null,
    name    text    not null,
    source  text    not null, -- FILE: the calendar files in the repository; ADMIN: added through the API
    primary key (country, day)
);

-- The tracking numbers (NoTasvie) come from this sequence, with a Luhn check digit appended.
create sequence settlement_number_seq start with 1000000001;

-- One batch per merchant, settlement date and currency.
create table settlement_batch (
    id                uuid primary key,
    merchant_id       uuid        not null,
    currency          char(3)     not null,
    settlement_date   date        not null,
    settlement_number text        not null unique,
    status            text        not null, -- OPEN → CLOSED (at closes_at) → PAID (by finance)
    closes_at         timestamptz not null, -- the cut-off after which no capture can land in it
    closed_at         timestamptz,
    paid_at           timestamptz,
    bank_reference    text,
    captured_amount   bigint      not null default 0,
    refunded_amount   bigint      not null default 0,
    captured_count    int         not null default 0,
    refund_count      int         not null default 0,
    created_at        timestamptz not null,
    unique (merchant_id, settlement_date, currency)
);

-- One row per captured payment and per refund, in exactly one batch.
create index settlement_batch_open on settlement_batch (closes_at) where status = 'OPEN';

create table settlement_item (
    id              uuid primary key,
    batch_id        uuid        not null references settlement_batch (id),
    payment_id      uuid        not null,
    refund_id       uuid,
    kind            text        not null, -- CAPTURE | REFUND
    channel         text        not null,
    amount          bigint      not null check (amount > 0),
    occurred_at     timestamptz not null,
    unique (payment_id, kind, refund_id)
);

create unique index settlement_item_one_capture on settlement_item (payment_id) where kind = 'CAPTURE';
create index settlement_item_by_batch on settlement_item (batch_id);

-- Payment events whose merchant has not reached this service's projection yet: parked, and
-- applied once the merchant arrives (never dropped).
create table parked_payment_event (
    event_id    text primary key,
    merchant_id uuid        not null,
    event_type  text        not null,
    body        text        not null,
    parked_at   timestamptz not null
);

create index parked_payment_event_by_merchant on parked_payment_event (merchant_id);
