package io.tasvie.common.contract;

import jakarta.annotation.Nullable;
import java.util.UUID;

/**
 * What every payment event says about the payment it belongs to. The card appears only masked
 * (first six, last four). {@code terminalId} names the terminal of a card-present payment ({@code
 * MPOS}, {@code SOFTPOS}) and is null online. {@code owedTo} says whose money it is: the
 * merchant's, or for value-added sales (channels {@code TOPUP}, {@code INTERNET_PACKAGE}, {@code
 * BILL}) the operator's or the biller's, which the merchant only collected.
 */
public record PaymentFacts(
    UUID merchantId,
    String merchantReference,
    long amount,
    String currency,
    String channel,
    @Nullable String maskedCard,
    @Nullable String cardBrand,
    @Nullable String authCode,
    @Nullable String rrn,
    @Nullable String terminalId,
    String owedTo) {

  public static final String MERCHANT = "MERCHANT";
  public static final String OPERATOR = "OPERATOR";
  public static final String BILLER = "BILLER";
}
