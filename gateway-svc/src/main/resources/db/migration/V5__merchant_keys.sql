-- Merchants' public keys for signed requests, by key index. Revoked keys stay, so an index is
-- never reused and old signatures can still be explained.
create table merchant_key (
    merchant_id uuid        not null references merchant (id),
    key_index   int         not null check (key_index between 1 and 9999),
    algorithm   text        not null, -- RSA or EC (P-256)
    bits        int         not null,
    public_key  text        not null, -- PEM, SubjectPublicKeyInfo
    fingerprint text        not null, -- SHA-256 of the DER, hex
    status      text        not null, -- ACTIVE or REVOKED
    created_at  timestamptz not null,
    revoked_at  timestamptz,
    primary key (merchant_id, key_index)
);
