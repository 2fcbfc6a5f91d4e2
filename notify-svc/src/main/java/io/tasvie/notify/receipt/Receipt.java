package io.tasvie.notify.receipt;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What a card receipt says: who, where, when, how much, which card (masked only), what kind of
 * transaction, the acquirer's references, and the settlement date once known (null before). Amounts
 * in minor units of {@code currency}.
 */
public record Receipt(
    String merchantName,
    String terminalId,
    Instant occurredAt,
    ZoneId zone,
    long amount,
    String currency,
    String maskedCard,
    String cardBrand,
    TransactionType type,
    String authCode,
    String rrn,
    LocalDate settlementDate) {

  /** The same receipt, settled on {@code date} (null: not known yet). */
  public Receipt withSettlementDate(LocalDate date) {
    return new Receipt(
        merchantName,
        terminalId,
        occurredAt,
        zone,
        amount,
        currency,
        maskedCard,
        cardBrand,
        type,
        authCode,
        rrn,
        date);
  }

  public enum TransactionType {
    PURCHASE,
    REFUND,
    TOP_UP,
    INTERNET_PACKAGE,
    BILL_PAYMENT
  }
}
