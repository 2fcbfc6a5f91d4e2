-- Every SMS and e-mail notify-svc sends is a row, from the request to its final state.
create table message (
    id              uuid primary key,
    merchant_id     uuid        not null,
    kind            text        not null,  -- RECEIPT | ACTIVATION_CODE
    channel         text        not null,  -- SMS | EMAIL
    -- one message per request: the consumed event's id, or a resend's own key
    idempotency_key text        not null unique,
    transaction_id  uuid,
    terminal_id     text,
    recipient       text        not null,  -- E.164 for SMS, an address for e-mail
    sender          text        not null,
    language        text        not null,
    subject         text,
    body            text        not null,  -- an activation code's body is blanked once sent
    receipt         jsonb,                 -- a receipt's facts (card masked), to render it again
    encoding        text,                  -- GSM_7 | UCS_2
    segments        int         not null default 1,
    status          text        not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    provider_id     text,
    last_error      text,
    resend_of       uuid references message (id),
    created_at      timestamptz not null default now(),
    sending_since   timestamptz,
    submitted_at    timestamptz,
    delivered_at    timestamptz,
    failed_at       timestamptz,
    expires_at      timestamptz not null
);

create index message_due on message (channel, next_attempt_at) where status = 'QUEUED';
create index message_sending on message (sending_since) where status = 'SENDING';
create index message_awaiting_receipt on message (expires_at) where status = 'SUBMITTED';
create index message_transaction on message (transaction_id);
create index message_recipient on message (recipient, created_at);
create index message_merchant on message (merchant_id, created_at);

-- The SMSC's id of each part of a submitted SMS (a concatenated message has several). SMSCs may
-- reuse ids over the years: a receipt belongs to the latest part that carries its id.
create table message_part (
    message_id  uuid        not null references message (id),
    part        int         not null,
    provider_id text        not null,
    recorded_at timestamptz not null default now(),
    primary key (message_id, part)
);

create index message_part_provider on message_part (provider_id, recorded_at);

-- Delivery receipts as the SMSC sent them; matched to a message once its part is known, which may
-- be after the receipt arrived (the SMSC can answer before our submit_sm_resp is recorded).
create table delivery_receipt (
    provider_id text        not null,
    state       text        not null,  -- DELIVRD, EXPIRED, UNDELIV, REJECTD, DELETED, ACCEPTD, ...
    error       text,
    recipient   text,                  -- the handset, digits as the SMSC wrote them
    received_at timestamptz not null default now(),
    message_id  uuid,
    primary key (provider_id, state)
);

create index delivery_receipt_unmatched on delivery_receipt (received_at) where message_id is null;
create index delivery_receipt_message on delivery_receipt (message_id);

-- How a merchant's messages are written and sent.
create table merchant_messaging (
    merchant_id      uuid primary key,
    language         text,
    sms_sender       text,
    served_countries text[]      not null default '{}',
    updated_at       timestamptz not null
);

-- Settlement dates of transactions, from SettlementScheduled, for receipts sent after settlement.
create table transaction_settlement (
    transaction_id    uuid primary key,
    settlement_date   date not null,
    settlement_number text not null
);
