-- Fees per merchant and channel: a merchant discount rate in basis points of the captured amount
-- plus a fixed fee per transaction (minor units of the batch's currency). Channels without a row
-- use the configured defaults.
create table merchant_fee (
    merchant_id uuid   not null,
    channel     text   not null,
    mdr_bps     int    not null check (mdr_bps between 0 and 10000),
    fixed_fee   bigint not null check (fixed_fee >= 0),
    primary key (merchant_id, channel)
);

-- Where a merchant's payouts go (pain.001 creditor account).
alter table merchant_contract
    add column iban           text,
    add column account_holder text;

-- Batch totals beyond gross and refunds: fees, amounts owed to operators and billers (top-ups,
-- internet packages, bills: never the merchant's), and the debt a negative batch carries forward.
alter table settlement_batch
    add column fee_amount      bigint not null default 0,
    add column operator_amount bigint not null default 0,
    add column carried_in      bigint not null default 0, -- debt taken over at close
    add column payout_amount   bigint,                    -- set at close, never negative
    add column carried_out     bigint;                    -- set at close: debt passed on

alter table settlement_item
    add column fee bigint not null default 0;

-- Per batch and channel, kept up to date at ingest so a close never scans the lines.
create table settlement_batch_channel (
    batch_id        uuid   not null references settlement_batch (id),
    channel         text   not null,
    captured_count  int    not null default 0,
    captured_amount bigint not null default 0,
    refund_count    int    not null default 0,
    refunded_amount bigint not null default 0,
    fee_amount      bigint not null default 0,
    primary key (batch_id, channel)
);

-- A merchant's debt in a currency after a batch closed with a negative net; the next close takes it.
create table merchant_carry (
    merchant_id uuid    not null,
    currency    char(3) not null,
    amount      bigint  not null check (amount >= 0),
    primary key (merchant_id, currency)
);

-- Double-entry postings. Each posting (one capture, refund or payout) is a set of entries whose
-- debits equal its credits; accounts: CLEARING (owed to us by the acquirer), MERCHANT_PAYABLE,
-- OPERATOR_PAYABLE, FEE_INCOME, BANK (paid out).
create table ledger_entry (
    id          bigint generated always as identity primary key,
    posting     text        not null, -- CAPTURE:<payment> | REFUND:<refund> | PAYOUT:<batch>
    batch_id    uuid        not null references settlement_batch (id),
    merchant_id uuid        not null,
    account     text        not null,
    currency    char(3)     not null,
    debit       bigint      not null check (debit >= 0),
    credit      bigint      not null check (credit >= 0),
    created_at  timestamptz not null,
    check ((debit = 0) <> (credit = 0))
);

create index ledger_entry_by_batch on ledger_entry (batch_id);
create index ledger_entry_by_posting on ledger_entry (posting);

-- A parked event its merchant turned out not to accept (e.g. another currency): kept, never applied.
alter table parked_payment_event add column rejected_reason text;
