-- Value-added sales (top-up, internet package, bill) are card transactions that buy something:
-- what they bought, the operator's confirmation, and for bills the key that must not be paid twice.
alter table card_transaction add column product text;
alter table card_transaction add column product_ref text;
alter table card_transaction add column fulfilment_ref text;

create unique index card_transaction_bill_once on card_transaction (product_ref)
    where type = 'BILL_PAYMENT' and status in ('IN_PROGRESS', 'PIN_REQUIRED', 'APPROVED');
