-- A merchant's payment-method settings, one row per merchant (created with the merchant).
create table merchant_settings (
    merchant_id             uuid primary key references merchant (id),
    store_id                text,
    wallet_number           text,
    environment             text        not null default 'SANDBOX',
    min_amount              bigint check (min_amount > 0),
    max_amount              bigint check (max_amount > 0),
    -- FIXED: discount_value in minor units; PERCENT: in basis points (250 = 2.5 %), capped by
    -- discount_cap (minor units) when set.
    discount_type           text,
    discount_value          bigint check (discount_value > 0),
    discount_cap            bigint check (discount_cap > 0),
    maintenance             boolean     not null default false,
    notify_url              text,
    save_cards              boolean     not null default false,
    require_signed_requests boolean     not null default false,
    updated_at              timestamptz not null,
    check (min_amount is null or max_amount is null or min_amount <= max_amount),
    check ((discount_type is null) = (discount_value is null))
);

insert into merchant_settings (merchant_id, updated_at) select id, registered_at from merchant;

-- Who changed what and when, old -> new per field; never updated or deleted.
create table merchant_settings_change (
    id          uuid primary key,
    merchant_id uuid        not null references merchant (id),
    changed_by  text        not null,
    role        text        not null,
    changed_at  timestamptz not null,
    changes     jsonb       not null
);

create index merchant_settings_change_by_merchant on merchant_settings_change (merchant_id, changed_at desc);

-- A payment keeps the environment it was made in, the amount the merchant asked for and the card
-- discount taken off it; amount is what the card is charged (refunds and settlement use it).
alter table payment add column environment text not null default 'SANDBOX';
alter table payment add column order_amount bigint;
alter table payment add column discount_amount bigint not null default 0 check (discount_amount >= 0);
update payment set order_amount = amount;
alter table payment alter column order_amount set not null;
alter table payment add check (amount = order_amount - discount_amount);

create index payment_sandbox_captured on payment (merchant_id) where environment = 'SANDBOX' and captured_at is not null;
