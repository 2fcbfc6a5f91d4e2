package io.tasvie.settlement.contract;

import io.tasvie.settlement.ledger.Fee;
import io.tasvie.settlement.ledger.Postings;
import java.time.LocalTime;
import java.util.Map;

/**
 * When and how a merchant is paid: {@code delayDays} business days (T+1..T+3) after the business
 * day of a capture, where captures after {@code cutoff} (merchant's local time) belong to the next
 * day; the fee per channel ({@code defaultFee} for the others); the bank account payouts go to
 * ({@code iban} and {@code accountHolder}, null until set).
 */
public record Contract(
    int delayDays,
    LocalTime cutoff,
    Map<String, Fee> fees,
    Fee defaultFee,
    String iban,
    String accountHolder) {

  public static final int MIN_DELAY = 1;
  public static final int MAX_DELAY = 3;

  public Contract {
    fees = Map.copyOf(fees);
  }

  /** The fee on a sale of {@code channel}; value-added sales carry none for the merchant. */
  public Fee feeFor(String channel) {
    return Postings.valueAdded(channel) ? Fee.NONE : fees.getOrDefault(channel, defaultFee);
  }
}
