-- A merchant's settlement contract; merchants without one get the defaults from configuration.
create table merchant_contract (
    merchant_id uuid primary key,
    delay_days  int         not null check (delay_days between 1 and 3),
    cutoff      time        not null,
    updated_at  timestamptz not null
);
