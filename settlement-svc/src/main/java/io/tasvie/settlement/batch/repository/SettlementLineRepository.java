package io.tasvie.settlement.batch.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Settlement lines written set-based in a transaction of the reactive SQL client: a statement per
 * step for a whole batch of lines, whatever its size.
 */
@ApplicationScoped
public class SettlementLineRepository {

  /** A batch's unique key: one per merchant, settlement date and currency. */
  public record BatchKey(UUID merchantId, LocalDate settlementDate, String currency) {}

  /** A batch locked until commit. */
  public record LockedBatch(BatchKey key, UUID id, String settlementNumber, boolean open) {}

  /** A batch to open, with its tracking number (NoTasvie) and cut-off. */
  public record NewBatch(BatchKey key, String settlementNumber, Instant closesAt) {}

  /** A captured payment (no {@code refundId}) or a refund, in its batch. */
  public record Item(
      UUID id,
      UUID batchId,
      UUID paymentId,
      UUID refundId,
      String channel,
      long amount,
      long fee,
      long operatorAmount,
      Instant occurredAt) {

    public boolean isRefund() {
      return refundId != null;
    }
  }

  /**
   * The positions (in {@code paymentIds}/{@code refundIds}) of the lines already in a batch: a
   * capture of the payment, or the refund.
   */
  public Uni<Set<Integer>> recorded(
      SqlConnection transaction, List<UUID> paymentIds, List<UUID> refundIds) {
    return transaction
        .preparedQuery(
            // Lateral with a limit: an index probe per line. (An exists becomes a hash join
            // over the whole settlement_item table.)
            "select l.n from unnest($1::uuid[], $2::uuid[]) with ordinality as l(payment_id,"
                + " refund_id, n) cross join lateral (select from settlement_item i"
                + " where i.payment_id = l.payment_id and (case when l.refund_id is null"
                + " then i.kind = 'CAPTURE' else i.refund_id = l.refund_id end) limit 1) i")
        .execute(
            Tuple.tuple()
                .addValue(paymentIds.toArray(UUID[]::new))
                .addValue(refundIds.toArray(UUID[]::new)))
        .map(
            rows -> {
              Set<Integer> positions = new HashSet<>();
              for (Row row : rows) {
                positions.add(row.getLong(0).intValue() - 1);
              }
              return positions;
            });
  }

  /**
   * The batches of these keys that exist, locked until commit in the order of their keys (so that
   * replicas locking overlapping sets wait for each other rather than deadlock).
   */
  public Uni<Map<BatchKey, LockedBatch>> lock(
      SqlConnection transaction, Collection<BatchKey> keys) {
    int size = keys.size();
    UUID[] merchants = new UUID[size];
    LocalDate[] dates = new LocalDate[size];
    String[] currencies = new String[size];
    int i = 0;
    for (BatchKey key : keys) {
      merchants[i] = key.merchantId();
      dates[i] = key.settlementDate();
      currencies[i++] = key.currency();
    }
    return transaction
        .preparedQuery(
            "select b.id, b.merchant_id, b.settlement_date, b.currency, b.settlement_number,"
                + " b.status from settlement_batch b"
                + " where (b.merchant_id, b.settlement_date, b.currency) in (select m, d,"
                + " cast(c as char(3)) from unnest($1::uuid[], $2::date[], $3::text[]) as k(m, d,"
                + " c)) order by b.merchant_id, b.settlement_date, b.currency for update of b")
        .execute(Tuple.of(merchants, dates, currencies))
        .map(
            rows -> {
              Map<BatchKey, LockedBatch> locked = new HashMap<>();
              for (Row row : rows) {
                BatchKey key =
                    new BatchKey(row.getUUID(1), row.getLocalDate(2), row.getString(3).strip());
                locked.put(
                    key,
                    new LockedBatch(
                        key, row.getUUID(0), row.getString(4), "OPEN".equals(row.getString(5))));
              }
              return locked;
            });
  }

  /** {@code count} fresh numbers from {@code settlement_number_seq}. */
  public Uni<List<Long>> nextSettlementNumbers(SqlConnection transaction, int count) {
    return transaction
        .preparedQuery("select nextval('settlement_number_seq') from generate_series(1, $1)")
        .execute(Tuple.of(count))
        .map(
            rows -> {
              List<Long> numbers = new ArrayList<>(count);
              for (Row row : rows) {
                numbers.add(row.getLong(0));
              }
              return numbers;
            });
  }

  /** Inserts the batches unless a concurrent transaction just did (the unique key decides). */
  public Uni<Void> open(SqlConnection transaction, List<NewBatch> batches) {
    int size = batches.size();
    UUID[] ids = new UUID[size];
    UUID[] merchants = new UUID[size];
    String[] currencies = new String[size];
    LocalDate[] dates = new LocalDate[size];
    String[] numbers = new String[size];
    OffsetDateTime[] closes = new OffsetDateTime[size];
    for (int i = 0; i < size; i++) {
      NewBatch batch = batches.get(i);
      ids[i] = UUID.randomUUID();
      merchants[i] = batch.key().merchantId();
      currencies[i] = batch.key().currency();
      dates[i] = batch.key().settlementDate();
      numbers[i] = batch.settlementNumber();
      closes[i] = OffsetDateTime.ofInstant(batch.closesAt(), ZoneOffset.UTC);
    }
    return transaction
        .preparedQuery(
            "insert into settlement_batch (id, merchant_id, currency, settlement_date,"
                + " settlement_number, status, closes_at, created_at)"
                + " select id, m, c, d, n, 'OPEN', closes, $7 from unnest($1::uuid[], $2::uuid[],"
                + " $3::text[], $4::date[], $5::text[], $6::timestamptz[]) as k(id, m, c, d, n,"
                + " closes) order by m, d, c"
                + " on conflict (merchant_id, settlement_date, currency) do nothing")
        .execute(
            Tuple.of(ids, merchants, currencies, dates, numbers, closes)
                .addOffsetDateTime(OffsetDateTime.now(ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  /**
   * Inserts the items, each line once (the unique keys on payment and refund decide); answers the
   * ids of those really inserted.
   */
  public Uni<Set<UUID>> insert(SqlConnection transaction, List<Item> items) {
    int size = items.size();
    UUID[] ids = new UUID[size];
    UUID[] batches = new UUID[size];
    UUID[] payments = new UUID[size];
    UUID[] refunds = new UUID[size];
    String[] channels = new String[size];
    Long[] amounts = new Long[size];
    Long[] fees = new Long[size];
    OffsetDateTime[] times = new OffsetDateTime[size];
    for (int i = 0; i < size; i++) {
      Item item = items.get(i);
      ids[i] = item.id();
      batches[i] = item.batchId();
      payments[i] = item.paymentId();
      refunds[i] = item.refundId();
      channels[i] = item.channel();
      amounts[i] = item.amount();
      fees[i] = item.fee();
      times[i] = OffsetDateTime.ofInstant(item.occurredAt(), ZoneOffset.UTC);
    }
    return transaction
        .preparedQuery(
            "insert into settlement_item (id, batch_id, payment_id, refund_id, kind, channel,"
                + " amount, fee, occurred_at)"
                + " select id, b, p, r, case when r is null then 'CAPTURE' else 'REFUND' end, ch,"
                + " a, f, o from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[],"
                + " $5::text[], $6::bigint[], $7::bigint[], $8::timestamptz[]) with ordinality"
                + " as i(id, b, p, r, ch, a, f, o, n) order by n"
                + " on conflict do nothing returning id")
        .execute(
            Tuple.from(List.of(ids, batches, payments, refunds, channels, amounts, fees, times)))
        .map(
            rows -> {
              Set<UUID> inserted = new HashSet<>();
              for (Row row : rows) {
                inserted.add(row.getUUID(0));
              }
              return inserted;
            });
  }

  /**
   * Adds the items to their batches' totals and their channels' (kept current so that a close never
   * scans the lines): one statement each.
   */
  public Uni<Void> addToTotals(SqlConnection transaction, List<Item> items) {
    int size = items.size();
    UUID[] batches = new UUID[size];
    String[] channels = new String[size];
    Boolean[] refunds = new Boolean[size];
    Long[] amounts = new Long[size];
    Long[] fees = new Long[size];
    Long[] operator = new Long[size];
    for (int i = 0; i < size; i++) {
      Item item = items.get(i);
      batches[i] = item.batchId();
      channels[i] = item.channel();
      refunds[i] = item.isRefund();
      amounts[i] = item.amount();
      fees[i] = item.fee();
      operator[i] = item.isRefund() ? -item.operatorAmount() : item.operatorAmount();
    }
    Uni<?> batchTotals =
        transaction
            .preparedQuery(
                "update settlement_batch b set"
                    + " captured_amount = b.captured_amount + t.captured_amount,"
                    + " captured_count = b.captured_count + t.captured_count,"
                    + " refunded_amount = b.refunded_amount + t.refunded_amount,"
                    + " refund_count = b.refund_count + t.refund_count,"
                    + " fee_amount = b.fee_amount + t.fee_amount,"
                    + " operator_amount = b.operator_amount + t.operator_amount"
                    + " from (select batch_id,"
                    + " coalesce(sum(amount) filter (where not refund), 0) as captured_amount,"
                    + " count(*) filter (where not refund) as captured_count,"
                    + " coalesce(sum(amount) filter (where refund), 0) as refunded_amount,"
                    + " count(*) filter (where refund) as refund_count,"
                    + " sum(fee) as fee_amount, sum(operator) as operator_amount"
                    + " from unnest($1::uuid[], $2::bool[], $3::bigint[], $4::bigint[],"
                    + " $5::bigint[]) as i(batch_id, refund, amount, fee, operator)"
                    + " group by batch_id) t where b.id = t.batch_id")
            .execute(Tuple.of(batches, refunds, amounts, fees, operator));
    return batchTotals
        .chain(
            () ->
                transaction
                    .preparedQuery(
                        "insert into settlement_batch_channel as c (batch_id, channel,"
                            + " captured_count, captured_amount, refund_count, refunded_amount,"
                            + " fee_amount)"
                            + " select batch_id, channel, count(*) filter (where not refund),"
                            + " coalesce(sum(amount) filter (where not refund), 0),"
                            + " count(*) filter (where refund),"
                            + " coalesce(sum(amount) filter (where refund), 0), sum(fee)"
                            + " from unnest($1::uuid[], $2::text[], $3::bool[], $4::bigint[],"
                            + " $5::bigint[]) as i(batch_id, channel, refund, amount, fee)"
                            + " group by batch_id, channel order by batch_id, channel"
                            + " on conflict (batch_id, channel) do update set"
                            + " captured_count = c.captured_count + excluded.captured_count,"
                            + " captured_amount = c.captured_amount + excluded.captured_amount,"
                            + " refund_count = c.refund_count + excluded.refund_count,"
                            + " refunded_amount = c.refunded_amount + excluded.refunded_amount,"
                            + " fee_amount = c.fee_amount + excluded.fee_amount")
                    .execute(Tuple.of(batches, channels, refunds, amounts, fees)))
        .replaceWithVoid();
  }
}
