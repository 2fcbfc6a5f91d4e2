create sequence merchant_number_seq start with 10000001;

create table merchant (
    id               uuid primary key,
    merchant_number  text        not null unique,
    name             text        not null,
    country          char(2)     not null,
    currency         char(3)     not null,
    callback_domains text[]      not null,
    secret_hash      text        not null,
    registered_at    timestamptz not null
);
