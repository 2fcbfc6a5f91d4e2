-- Wallet payments at tills: started by the till, issued to the wallet user who checks in at it,
-- confirmed (reserved and captured) or cancelled by either side or by expiry.
create table wallet_payment (
    id                uuid primary key,
    terminal_id       uuid        not null references terminal (id),
    merchant_id       uuid        not null,
    amount            bigint      not null check (amount > 0),
    currency          char(3)     not null,
    order_reference   text,
    status            text        not null,
    wallet_user       text,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    expires_at        timestamptz not null,
    captured_at       timestamptz,
    sale_completed_at timestamptz,
    refunded_total    bigint      not null default 0 check (refunded_total >= 0 and refunded_total <= amount)
);

-- One active wallet payment per till.
create unique index wallet_payment_one_active on wallet_payment (terminal_id)
    where status in ('INITIATED', 'ISSUED_TO_USER', 'RESERVED');
create index wallet_payment_by_terminal on wallet_payment (terminal_id, created_at desc);
create index wallet_payment_open on wallet_payment (expires_at)
    where status in ('INITIATED', 'ISSUED_TO_USER');

-- A wallet user's sandbox money, per currency.
create table wallet_account (
    wallet_user text   not null,
    currency    char(3) not null,
    balance     bigint not null check (balance >= 0),
    primary key (wallet_user, currency)
);
