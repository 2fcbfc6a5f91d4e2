package io.tasvie.settlement.finance.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.settlement.batch.BatchStatus;
import io.tasvie.settlement.payout.config.PayoutConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Closed batches for finance as a CSV report or an ISO 20022 pain.001 payout file, over at most
 * {@value #MAX_DAYS} settlement days (a month; longer ranges are refused, never loaded whole).
 */
@ApplicationScoped
public class ExportService {

  public static final int MAX_DAYS = 31;

  private final PayoutConfig config;

  public ExportService(PayoutConfig config) {
    this.config = config;
  }

  /** Every closed or paid batch settled from {@code from} to {@code to}, in any currency. */
  public Uni<List<Payout>> report(LocalDate from, LocalDate to, String currency) {
    requireRange(from, to);
    return payouts(from, to, currency, false);
  }

  /**
   * The pain.001 paying the closed, unpaid batches with something to pay in {@code currency}.
   *
   * @throws ProblemException when there is nothing to pay, no platform account in the currency, or
   *     a merchant has no payout account or the platform's as its own (all named, nothing exported)
   */
  public Uni<String> pain001(LocalDate from, LocalDate to, String currency) {
    requireRange(from, to);
    if (currency == null) {
      throw ProblemException.badRequest(
          "currency-required", "A pain.001 pays one currency; give currency=IRR or similar");
    }
    String debtorIban = config.accounts().get(currency);
    if (debtorIban == null) {
      throw new ProblemException(
          409,
          "no-payout-account",
          "No payout account",
          "The platform has no account in "
              + currency
              + " (tasvie.payout.accounts."
              + currency
              + ")");
    }
    return payouts(from, to, currency, true)
        .map(
            payouts -> {
              if (payouts.isEmpty()) {
                throw new ProblemException(
                    404,
                    "nothing-to-pay",
                    "Nothing to pay",
                    "No closed, unpaid batch in " + currency + " settles in that range");
              }
              List<String> withoutAccount =
                  payouts.stream()
                      .filter(payout -> payout.iban() == null)
                      .map(Payout::settlementNumber)
                      .toList();
              if (!withoutAccount.isEmpty()) {
                throw new ProblemException(
                    409,
                    "merchant-without-account",
                    "Merchants without a payout account",
                    "Set the IBAN in the settlement contract of the merchants of batches "
                        + String.join(", ", withoutAccount));
              }
              List<String> paidFromOwnAccount =
                  payouts.stream()
                      .filter(payout -> debtorIban.replace(" ", "").equals(payout.iban()))
                      .map(Payout::settlementNumber)
                      .toList();
              if (!paidFromOwnAccount.isEmpty()) {
                throw new ProblemException(
                    409,
                    "creditor-is-debtor",
                    "Merchant paid from its own account",
                    "The payout IBAN of the merchants of batches "
                        + String.join(", ", paidFromOwnAccount)
                        + " is the platform's account in "
                        + currency
                        + "; correct their settlement contracts");
              }
              return Pain001.document(
                  "TSV-" + currency + "-" + UUID.randomUUID().toString().substring(0, 18),
                  OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS),
                  new Pain001.Debtor(
                      config.debtorName(), debtorIban, config.debtorBic().orElse(null)),
                  payouts);
            });
  }

  private static void requireRange(LocalDate from, LocalDate to) {
    if (from == null || to == null) {
      throw ProblemException.badRequest("invalid-range", "from and to (YYYY-MM-DD) are required");
    }
    if (to.isBefore(from)) {
      throw ProblemException.badRequest("invalid-range", "to is before from");
    }
    if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
      throw ProblemException.badRequest(
          "range-too-long", "An export covers at most " + MAX_DAYS + " settlement days");
    }
  }

  private static Uni<List<Payout>> payouts(
      LocalDate from, LocalDate to, String currency, boolean unpaidOnly) {
    String status =
        unpaidOnly ? "b.status = 'CLOSED' and b.payout_amount > 0" : "b.status <> 'OPEN'";
    return Panache.withSession(
        () ->
            Panache.getSession()
                .chain(
                    session -> {
                      var query =
                          session
                              .createNativeQuery(
                                  "select b.id, b.settlement_number, b.settlement_date, b.merchant_id,"
                                      + " m.name, b.currency, b.status, b.captured_amount,"
                                      + " b.refunded_amount, b.fee_amount, b.operator_amount,"
                                      + " b.carried_in, b.payout_amount, b.carried_out,"
                                      + " b.captured_count, b.refund_count, c.iban, c.account_holder"
                                      + " from settlement_batch b"
                                      + " left join merchant_projection m on m.merchant_id = b.merchant_id"
                                      + " left join merchant_contract c on c.merchant_id = b.merchant_id"
                                      + " where b.settlement_date between ?1 and ?2"
                                      + (currency == null ? "" : " and b.currency = ?3")
                                      + " and "
                                      + status
                                      + " order by b.settlement_date, b.settlement_number",
                                  Object[].class)
                              .setParameter(1, from)
                              .setParameter(2, to);
                      return (currency == null ? query : query.setParameter(3, currency))
                          .getResultList();
                    })
                .map(rows -> rows.stream().map(ExportService::payout).toList()));
  }

  private static Payout payout(Object[] row) {
    return new Payout(
        (UUID) row[0],
        (String) row[1],
        row[2] instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) row[2],
        (UUID) row[3],
        (String) row[4],
        (String) row[5],
        BatchStatus.valueOf((String) row[6]),
        ((Number) row[7]).longValue(),
        ((Number) row[8]).longValue(),
        ((Number) row[9]).longValue(),
        ((Number) row[10]).longValue(),
        ((Number) row[11]).longValue(),
        ((Number) row[12]).longValue(),
        ((Number) row[13]).longValue(),
        ((Number) row[14]).intValue(),
        ((Number) row[15]).intValue(),
        (String) row[16],
        (String) row[17]);
  }
}
