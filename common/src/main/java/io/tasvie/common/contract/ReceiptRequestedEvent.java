package io.tasvie.common.contract;

import io.tasvie.common.outbox.DomainEvent;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A cashier (or the customer on the result screen) asked for an SMS receipt of a card-present
 * transaction. Topic {@code receipts}, key = transaction id. {@code phoneNumber} is as typed
 * ({@code 383 44 123 456}); notify-svc reads it in the merchant's country. {@code language} (ISO
 * 639-1) is optional: without it the merchant's messaging setting or its country decides. The card
 * appears only masked; {@code settlementDate} is set when the transaction is already settled.
 */
public record ReceiptRequestedEvent(
    UUID merchantId,
    UUID transactionId,
    String terminalId,
    String phoneNumber,
    @Nullable String language,
    String transactionType,
    long amount,
    String currency,
    String maskedCard,
    String cardBrand,
    String authCode,
    String rrn,
    Instant transactionAt,
    @Nullable LocalDate settlementDate,
    Instant occurredAt)
    implements DomainEvent {

  public static final String TOPIC = "receipts";

  @Override
  public String topic() {
    return TOPIC;
  }

  @Override
  public String aggregateId() {
    return transactionId.toString();
  }
}
