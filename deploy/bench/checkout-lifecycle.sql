-- One checkout lifecycle as gateway-svc's database sees it (deploy/bench-checkout): the three
-- transactions of POST /v1/payments, POST /pay/{id} and POST /v1/payments/{id}/verify, statement
-- by statement, in the scratch database tasvie_bench (gateway-svc's migrations, one merchant).
-- Not included: the page's and the token's reads outside transactions, and the outbox relay's
-- select/delete of the published events. Run with -M prepared: :vars become bind parameters.

-- 1. Create: load the merchant and its settings, check the reference is new, insert the payment.
begin;
select id as mid, gen_random_uuid() as pid from merchant
 where id = '00000000-0000-0000-0000-0000000be4c0' \gset
select * from merchant_settings where merchant_id = :mid;
select id from payment where merchant_id = :mid and merchant_reference = 'bench-' || :pid;
insert into payment (id, merchant_id, merchant_reference, amount, order_amount, currency,
                     description, redirect_url, origin, status, created_at, expires_at)
values (:pid, :mid, 'bench-' || :pid, 120000, 120000, 'IRR', 'bench', 'https://shop.example.ir/back',
        'API', 'CREATED', now(), now() + interval '15 minutes');
commit;

-- 2. Pay: lock the row, read the settings, record the authorisation, write PaymentAuthorized into
-- the outbox and (for a merchant with a notify URL; the bench merchant has none) its notification.
begin;
select * from payment where id = :pid for update;
select * from merchant_settings where merchant_id = :mid;
update payment
   set status = 'AUTHORIZED', card_token = 'tok_bench_0123456789abcdef0123456789abcdef',
       card_bin = '400609', card_last4 = '0007', card_brand = 'SHETAB', payer_ip = '127.0.0.1',
       response_code = '00', rrn = '261236284891', auth_code = '928396', authorized_at = now(),
       verify_deadline = now() + interval '30 minutes'
 where id = :pid;
insert into outbox_event (id, topic, event_key, event_type, payload, occurred_at)
values (gen_random_uuid(), 'payments', :pid, 'PaymentAuthorized',
        jsonb_build_object('paymentId', :pid::text, 'verifyBy', now() + interval '30 minutes',
          'occurredAt', now(), 'payment', jsonb_build_object('merchantId', :mid::text,
          'merchantReference', 'bench-' || :pid::text, 'amount', 120000, 'currency', 'IRR',
          'channel', 'ONLINE', 'maskedCard', '400609******0007', 'cardBrand', 'SHETAB',
          'authCode', '928396', 'rrn', '261236284891')),
        now());
insert into merchant_notification (id, merchant_id, payment_id, event_type, url, payload, status,
                                   next_attempt_at, created_at)
select gen_random_uuid(), merchant_id, :pid, 'Payment', notify_url, '{}', 'PENDING', now(), now()
  from merchant_settings where merchant_id = :mid and notify_url is not null;
commit;

-- 3. Verify: lock the row, capture, write PaymentCaptured into the outbox.
begin;
select * from payment where id = :pid for update;
update payment set status = 'CAPTURED', captured_at = now() where id = :pid;
insert into outbox_event (id, topic, event_key, event_type, payload, occurred_at)
values (gen_random_uuid(), 'payments', :pid, 'PaymentCaptured',
        jsonb_build_object('paymentId', :pid::text, 'occurredAt', now(),
          'payment', jsonb_build_object('merchantId', :mid::text,
          'merchantReference', 'bench-' || :pid::text, 'amount', 120000, 'currency', 'IRR',
          'channel', 'ONLINE', 'maskedCard', '400609******0007', 'cardBrand', 'SHETAB',
          'authCode', '928396', 'rrn', '261236284891')),
        now());
insert into merchant_notification (id, merchant_id, payment_id, event_type, url, payload, status,
                                   next_attempt_at, created_at)
select gen_random_uuid(), merchant_id, :pid, 'Payment', notify_url, '{}', 'PENDING', now(), now()
  from merchant_settings where merchant_id = :mid and notify_url is not null;
commit;
