-- A consuming service's projection of merchants, kept from MerchantRegistered events.
-- gateway-svc owns the merchant number's uniqueness; the projection mirrors and does not judge.
create table merchant_projection (
    merchant_id      uuid primary key,
    merchant_number  text        not null,
    name             text        not null,
    country          char(2)     not null,
    currency         char(3)     not null,
    callback_domains text[]      not null,
    registered_at    timestamptz not null
);

create index merchant_projection_number on merchant_projection (merchant_number);
