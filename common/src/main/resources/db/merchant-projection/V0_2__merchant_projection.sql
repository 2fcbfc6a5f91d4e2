-- A consuming service's projection of merchants, kept from MerchantRegistered events.
create table merchant_projection (
    merchant_id      uuid primary key,
    merchant_number  text        not null unique,
    name             text        not null,
    country          char(2)     not null,
    currency         char(3)     not null,
    callback_domains text[]      not null,
    registered_at    timestamptz not null
);
