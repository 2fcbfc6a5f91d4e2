package io.tasvie.settlement.finance.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tasvie.settlement.finance.service.Reconciliation.Check;
import io.tasvie.settlement.finance.service.Reconciliation.CurrencyTotals;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Checks a settlement day against its own records: every captured payment in exactly one batch,
 * every line posted to a balanced ledger in its batch's currency, and batch totals equal to their
 * lines and postings. Totals are per currency.
 */
@ApplicationScoped
public class ReconciliationService {

  static final int MAX_FAILURES = 50;

  private static final String DAY = "select id from settlement_batch where settlement_date = ?1";

  private static final List<CheckQuery> CHECKS =
      List.of(
          new CheckQuery(
              "one-batch-per-payment",
              "Every captured payment is in exactly one batch",
              "select cast(payment_id as text) from settlement_item where kind = 'CAPTURE'"
                  + " and payment_id in (select payment_id from settlement_item where batch_id in ("
                  + DAY
                  + ") and kind = 'CAPTURE') group by payment_id having count(*) <> 1"),
          new CheckQuery(
              "lines-posted",
              "Every capture and refund of the day's batches is posted to the ledger",
              "select i.kind || ' ' || coalesce(cast(i.refund_id as text), cast(i.payment_id as"
                  + " text)) from settlement_item i where i.batch_id in ("
                  + DAY
                  + ") and not exists (select 1 from ledger_entry l where l.posting = case i.kind"
                  + " when 'CAPTURE' then 'CAPTURE:' || i.payment_id else 'REFUND:' || i.refund_id"
                  + " end)"),
          new CheckQuery(
              "ledger-balanced",
              "Every posting's debits equal its credits",
              "select posting from ledger_entry where batch_id in ("
                  + DAY
                  + ") group by posting having sum(debit) <> sum(credit)"),
          new CheckQuery(
              "ledger-in-batch-currency",
              "Every posting is in the currency of its batch",
              "select distinct l.posting from ledger_entry l join settlement_batch b on b.id ="
                  + " l.batch_id where b.settlement_date = ?1 and l.currency <> b.currency"),
          new CheckQuery(
              "totals-match-lines",
              "Each batch's totals equal the sums of its lines, per batch and per channel",
              "select b.settlement_number from settlement_batch b left join (select batch_id,"
                  + " sum(amount) filter (where kind = 'CAPTURE') as captured, count(*) filter"
                  + " (where kind = 'CAPTURE') as captures, sum(amount) filter (where kind ="
                  + " 'REFUND') as refunded, count(*) filter (where kind = 'REFUND') as refunds,"
                  + " sum(fee) as fees from settlement_item where batch_id in ("
                  + DAY
                  + ") group by batch_id) i on i.batch_id = b.id where b.settlement_date = ?1 and"
                  + " (coalesce(i.captured, 0) <> b.captured_amount or coalesce(i.captures, 0) <>"
                  + " b.captured_count or coalesce(i.refunded, 0) <> b.refunded_amount or"
                  + " coalesce(i.refunds, 0) <> b.refund_count or coalesce(i.fees, 0) <>"
                  + " b.fee_amount or b.captured_amount <> (select coalesce(sum(captured_amount),"
                  + " 0) from settlement_batch_channel c where c.batch_id = b.id))"),
          new CheckQuery(
              "fees-match-ledger",
              "Each batch's fees equal its fee-income postings",
              "select b.settlement_number from settlement_batch b where b.settlement_date = ?1"
                  + " and b.fee_amount <> (select coalesce(sum(credit), 0) from ledger_entry l"
                  + " where l.batch_id = b.id and l.account = 'FEE_INCOME')"),
          new CheckQuery(
              "payout-matches-net",
              "Each closed batch pays out its net, or carries its shortfall forward",
              "select settlement_number from settlement_batch where settlement_date = ?1 and"
                  + " status <> 'OPEN' and (payout_amount < 0 or carried_out < 0 or"
                  + " (payout_amount > 0 and carried_out > 0) or payout_amount - carried_out <>"
                  + " captured_amount - refunded_amount - fee_amount - operator_amount -"
                  + " carried_in)"));

  private record CheckQuery(String name, String description, String failingSql) {}

  public Uni<Reconciliation> reconcile(LocalDate date) {
    return Panache.withSession(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        totals(session, date)
                            .chain(
                                totals ->
                                    checks(session, date)
                                        .map(checks -> report(date, totals, checks)))));
  }

  private static Uni<List<Object[]>> totals(Mutiny.Session session, LocalDate date) {
    return session
        .createNativeQuery(
            "with ledger as (select l.currency, sum(l.debit) as debits, sum(l.credit) as credits"
                + " from ledger_entry l where l.batch_id in ("
                + DAY
                + ") group by l.currency) select b.currency, count(*),"
                + " coalesce(sum(b.captured_amount), 0), coalesce(sum(b.refunded_amount), 0),"
                + " coalesce(sum(b.fee_amount), 0), coalesce(sum(b.operator_amount), 0),"
                + " coalesce(sum(b.payout_amount), 0), coalesce(max(l.debits), 0),"
                + " coalesce(max(l.credits), 0) from settlement_batch b left join ledger l on"
                + " l.currency = b.currency where b.settlement_date = ?1 group by b.currency"
                + " order by b.currency",
            Object[].class)
        .setParameter(1, date)
        .getResultList();
  }

  private static Uni<List<Check>> checks(Mutiny.Session session, LocalDate date) {
    return Multi.createFrom()
        .iterable(CHECKS)
        .onItem()
        .transformToUniAndConcatenate(
            check ->
                session
                    .createNativeQuery(check.failingSql() + " limit " + MAX_FAILURES, String.class)
                    .setParameter(1, date)
                    .getResultList()
                    .map(
                        failures ->
                            new Check(
                                check.name(), check.description(), failures.isEmpty(), failures)))
        .collect()
        .asList();
  }

  private static Reconciliation report(LocalDate date, List<Object[]> rows, List<Check> checks) {
    List<CurrencyTotals> totals =
        rows.stream()
            .map(
                row ->
                    new CurrencyTotals(
                        row[0].toString().strip(),
                        (int) number(row[1]),
                        number(row[2]),
                        number(row[3]),
                        number(row[4]),
                        number(row[5]),
                        number(row[6]),
                        number(row[7]),
                        number(row[8])))
            .toList();
    boolean reconciled =
        totals.stream().allMatch(total -> total.ledgerDebits() == total.ledgerCredits())
            && checks.stream().allMatch(Check::passed);
    return new Reconciliation(
        date, reconciled, totals.stream().mapToInt(CurrencyTotals::batches).sum(), totals, checks);
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }
}
