package io.tasvie.settlement.finance.service;

import java.time.LocalDate;
import java.util.List;

/**
 * A settlement day reconciled: its totals per currency (amounts in different currencies are never
 * added together), and each check with what failed it (at most {@value
 * ReconciliationService#MAX_FAILURES} named).
 */
public record Reconciliation(
    LocalDate settlementDate,
    boolean reconciled,
    int batches,
    List<CurrencyTotals> totals,
    List<Check> checks) {

  /** The day's batches in one currency; amounts in its minor units. */
  public record CurrencyTotals(
      String currency,
      int batches,
      long capturedAmount,
      long refundedAmount,
      long feeAmount,
      long operatorAmount,
      long payoutAmount,
      long ledgerDebits,
      long ledgerCredits) {}

  public record Check(String name, String description, boolean passed, List<String> failures) {}
}
