-- The payer a merchant names (customerId) for saved cards.
alter table payment add column customer_id text;

-- Cards saved with the payer's consent: the number only sealed (envelope encryption, see
-- CardCipher), never the CVC. One row per card per customer of a merchant.
create table saved_card (
    id          uuid primary key,
    merchant_id uuid        not null references merchant (id),
    customer_id text        not null,
    card_token  text        not null,
    bin         char(6)     not null,
    last4       char(4)     not null,
    brand       text        not null,
    expiry      char(7)     not null, -- YYYY-MM
    key_id      text        not null, -- the key-encryption key that wrapped the data key
    wrapped_key bytea       not null,
    ciphertext  bytea       not null,
    created_at  timestamptz not null,
    last_used_at timestamptz,
    unique (merchant_id, customer_id, card_token)
);
