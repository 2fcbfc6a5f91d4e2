-- deploy/bench-settlement ingest's plain-SQL reference: one transaction applying the captured
-- payments :first..:last as settlement-svc applies each PaymentCaptured event, set-based. The
-- events are those PaymentEventLoad.java publishes (merchant g % :merchants, amount, channel);
-- the script sets the variables and fills ref_merchant (bench merchants numbered from 0).
begin;

-- The merchants' batches, opened when missing (the service opens one with a merchant's first line).
-- Numbered REF-<n> so that the reference takes no NoTasvie from settlement_number_seq.
insert into settlement_batch (id, merchant_id, currency, settlement_date, settlement_number, status,
    closes_at, created_at)
  select gen_random_uuid(), m.merchant_id, 'IRR', :'settlement_date', 'REF-' || m.n, 'OPEN',
    :'closes_at', now()
  from ref_merchant m
  where m.n in (select g % :merchants from generate_series(:first, :last) g)
    and not exists (select from settlement_batch b where b.merchant_id = m.merchant_id
      and b.settlement_date = :'settlement_date' and b.currency = 'IRR')
  on conflict (merchant_id, settlement_date, currency) do nothing;

with event as ( -- the batch of records as the consumer decoded them
  select gen_random_uuid()::text as event_id, gen_random_uuid() as payment_id, m.merchant_id,
    case when g % 3 = 0 then 'SOFTPOS' else 'MPOS' end as channel,
    10000 + (g::bigint * 7919) % 5000000 as amount, timestamptz '2098-06-14 08:00:00+00' as occurred_at
  from generate_series(:first, :last) g join ref_merchant m on m.n = g % :merchants
),
first_time as ( -- the inbox check for the whole batch
  insert into inbox_event (consumer, event_id, event_type)
    select 'bench-reference.payments', event_id, 'PaymentCaptured' from event
    on conflict do nothing
    returning event_id
),
line as ( -- merchant known (projection), fee by contract or default (Fee.on), its batch
  select e.payment_id, e.merchant_id, e.channel, e.amount, e.occurred_at, b.id as batch_id,
    b.settlement_number,
    least(e.amount, (e.amount * coalesce(f.mdr_bps, :default_mdr_bps) + 5000) / 10000
      + coalesce(f.fixed_fee, :default_fixed_fee)) as fee
  from event e
  join first_time using (event_id)
  join merchant_projection p on p.merchant_id = e.merchant_id
  left join merchant_fee f on f.merchant_id = e.merchant_id and f.channel = e.channel
  join settlement_batch b on b.merchant_id = e.merchant_id and b.currency = 'IRR'
    and b.settlement_date = :'settlement_date'
),
item as ( -- one line per capture; a capture already recorded changes nothing
  insert into settlement_item (id, batch_id, payment_id, refund_id, kind, channel, amount, fee,
      occurred_at)
    select gen_random_uuid(), batch_id, payment_id, null, 'CAPTURE', channel, amount, fee, occurred_at
    from line
    on conflict do nothing
    returning payment_id, batch_id, channel, amount, fee
),
batch_totals as (
  update settlement_batch b set captured_count = b.captured_count + t.n,
      captured_amount = b.captured_amount + t.amount, fee_amount = b.fee_amount + t.fee,
      operator_amount = b.operator_amount + t.operator
    from (select batch_id, count(*) as n, sum(amount) as amount, sum(fee) as fee,
            coalesce(sum(amount) filter (where channel in ('TOPUP', 'INTERNET_PACKAGE', 'BILL')), 0)
              as operator
          from item group by batch_id) t
    where b.id = t.batch_id
),
channel_totals as (
  insert into settlement_batch_channel as c (batch_id, channel, captured_count, captured_amount,
      fee_amount)
    select batch_id, channel, count(*), sum(amount), sum(fee) from item group by batch_id, channel
    on conflict (batch_id, channel) do update
      set captured_count = c.captured_count + excluded.captured_count,
          captured_amount = c.captured_amount + excluded.captured_amount,
          fee_amount = c.fee_amount + excluded.fee_amount
),
postings as ( -- Postings.capture: CLEARING debit; payable and FEE_INCOME credits, each when not 0
  insert into ledger_entry (posting, batch_id, merchant_id, account, currency, debit, credit,
      created_at)
    select 'CAPTURE:' || i.payment_id, i.batch_id, l.merchant_id, e.account, 'IRR', e.debit,
      e.credit, now()
    from item i join line l using (payment_id)
    cross join lateral (values
      ('CLEARING', i.amount, 0::bigint),
      (case when i.channel in ('TOPUP', 'INTERNET_PACKAGE', 'BILL') then 'OPERATOR_PAYABLE'
            else 'MERCHANT_PAYABLE' end, 0::bigint, i.amount - i.fee),
      ('FEE_INCOME', 0::bigint, i.fee)) e(account, debit, credit)
    where e.debit > 0 or e.credit > 0
),
scheduled as ( -- SettlementScheduled, as Outbox.publish writes it
  insert into outbox_event (id, topic, event_key, event_type, payload, occurred_at)
    select gen_random_uuid(), 'settlements', i.payment_id::text, 'SettlementScheduled',
      jsonb_build_object('paymentId', i.payment_id, 'merchantId', l.merchant_id,
        'channel', i.channel, 'settlementDate', :'settlement_date',
        'settlementDateJalali', :'settlement_date_jalali',
        'settlementNumber', l.settlement_number, 'occurredAt', now()),
      now()
    from item i join line l using (payment_id)
    returning seq
)
select coalesce(min(seq), 0) as outbox_first, coalesce(max(seq), -1) as outbox_last
from scheduled \gset

-- Never published: gone before commit, so the relay cannot see them (the service's relay deletes
-- each row after publishing it; this delete stands for that work).
delete from outbox_event where seq between :outbox_first and :outbox_last
  and topic = 'settlements' and payload ->> 'settlementNumber' like 'REF-%';

commit;
