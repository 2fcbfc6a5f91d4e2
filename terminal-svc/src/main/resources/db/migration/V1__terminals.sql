-- Terminals: requested by a merchant, approved (given a terminal ID) by an admin, activated on a
-- device with a one-time code. Readers are known by serial number and Bluetooth MAC, SoftPOS
-- devices by device id, tills by QR code / NFC tag id; each is unique across the platform.
create sequence terminal_number;

create table terminal (
    id                   uuid primary key,
    terminal_id          text unique check (terminal_id ~ '^TM[0-9]{6}$'),
    merchant_id          uuid        not null,
    kind                 text        not null,
    status               text        not null,
    model                text,
    serial_number        text unique,
    bluetooth_mac        text unique,
    device_id            text,
    android_version      int,
    qr_id                text unique,
    nfc_tag_id           text unique,
    email                text        not null,
    language             text,
    label                text,
    operator             text,
    requested_at         timestamptz not null,
    decided_at           timestamptz,
    reject_reason        text,
    activated_at         timestamptz,
    revoked_at           timestamptz,
    revoke_reason        text,
    -- Bumped on activation, re-binding and revocation: credentials of an older version are void.
    credential_version   int         not null default 0,
    refresh_secret_hash  text,
    supervisor_code_hash text,
    supervisor_failures  int         not null default 0,
    refunds_locked_until timestamptz,
    paired_at            timestamptz,
    last_seen_at         timestamptz
);

create index terminal_by_merchant on terminal (merchant_id, requested_at desc);

-- One-time activation codes, kept only as a hash.
create table activation_code (
    code_hash   text primary key,
    terminal_id uuid        not null references terminal (id),
    issued_at   timestamptz not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    voided_at   timestamptz
);

create index activation_code_by_terminal on activation_code (terminal_id);

-- Bluetooth pairing of a reader with the merchant's phone: a 6-digit code, 2 minutes, 3 tries.
create table pairing (
    id          uuid primary key,
    terminal_id uuid        not null references terminal (id),
    code_hash   text        not null,
    status      text        not null,
    failures    int         not null default 0,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    decided_at  timestamptz
);

create index pairing_by_terminal on pairing (terminal_id, created_at desc);

-- Each WebSocket session: presence and why it ended.
create table terminal_session (
    id              uuid primary key,
    terminal_id     uuid        not null references terminal (id),
    remote_address  text,
    connected_at    timestamptz not null,
    disconnected_at timestamptz,
    close_reason    text
);

create index terminal_session_by_terminal on terminal_session (terminal_id, connected_at desc);
create index terminal_session_open on terminal_session (terminal_id) where disconnected_at is null;

-- Card-present purchases and refunds. The card is kept as a token plus its masked form.
create table card_transaction (
    id                uuid primary key,
    terminal_id       uuid        not null references terminal (id),
    merchant_id       uuid        not null,
    type              text        not null,
    status            text        not null,
    channel           text        not null,
    amount            bigint      not null check (amount > 0),
    currency          char(3)     not null,
    card_token        text        not null,
    masked_card       text        not null,
    card_brand        text        not null,
    entry_mode        text        not null,
    verification      text,
    response_code     text,
    auth_code         text,
    rrn               text,
    original_id       uuid references card_transaction (id),
    refunded_total    bigint      not null default 0 check (refunded_total >= 0 and refunded_total <= amount),
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    completed_at      timestamptz
);

-- One active payment per terminal: a second one while this one is in flight is refused.
create unique index card_transaction_one_active on card_transaction (terminal_id)
    where status in ('IN_PROGRESS', 'PIN_REQUIRED');
create index card_transaction_by_terminal on card_transaction (terminal_id, created_at desc);
create index card_transaction_by_merchant on card_transaction (merchant_id, created_at desc);

-- The first answer to each client message id, so that a resent request is answered, not redone.
create table terminal_message (
    terminal_id uuid        not null references terminal (id),
    message_id  text        not null,
    type        text        not null,
    answer      text        not null,
    created_at  timestamptz not null,
    primary key (terminal_id, message_id)
);

-- A refund the merchant's supervisor approved in the back office, waiting for the card.
create table refund_approval (
    id             uuid primary key,
    terminal_id    uuid        not null references terminal (id),
    original_id    uuid        not null references card_transaction (id),
    amount         bigint      not null check (amount > 0),
    created_at     timestamptz not null,
    expires_at     timestamptz not null,
    used_at        timestamptz
);

-- Contactless CVM limits a merchant set; currencies it did not set use the platform default.
create table merchant_cvm_limit (
    merchant_id uuid   not null,
    currency    char(3) not null,
    limit_minor bigint not null check (limit_minor >= 0),
    primary key (merchant_id, currency)
);
