package io.tasvie.settlement.finance.service;

import java.time.LocalDate;
import java.util.List;

/**
 * A settlement day reconciled: its totals, and each check with what failed it (at most {@value
 * ReconciliationService#MAX_FAILURES} named).
 */
public record Reconciliation(
    LocalDate settlementDate,
    boolean reconciled,
    int batches,
    long capturedAmount,
    long refundedAmount,
    long feeAmount,
    long operatorAmount,
    long payoutAmount,
    long ledgerDebits,
    long ledgerCredits,
    List<Check> checks) {

  public record Check(String name, String description, boolean passed, List<String> failures) {}
}
