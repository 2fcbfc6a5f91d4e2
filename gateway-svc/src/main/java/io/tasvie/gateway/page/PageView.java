package io.tasvie.gateway.page;

import java.util.List;

/**
 * What the hosted page shows, already formatted for its language. Exactly one of {@code form},
 * {@code maintenance} (payable, but the merchant's checkout is paused), {@code paid}, {@code
 * failed}, {@code expired}, {@code reversed} is true. {@code orderAmount} and {@code discount} are
 * null unless a card discount was taken off the order.
 */
public record PageView(
    String lang,
    String dir,
    String paymentId,
    String merchantName,
    String reference,
    String amount,
    String orderAmount,
    String discount,
    String description,
    String payerName,
    String expiresAt,
    String expiresAtIso,
    boolean form,
    boolean maintenance,
    boolean paid,
    boolean failed,
    boolean expired,
    boolean reversed,
    String error,
    String csrf,
    String returnUrl,
    String maskedCard,
    String authCode,
    String rrn,
    String paidAt,
    boolean offerSave,
    List<SavedCardView> savedCards) {

  /** A saved card as the payer sees it: brand, masked number, expiry (MM/YY). */
  public record SavedCardView(String id, String brand, String maskedNumber, String expiry) {}
}
