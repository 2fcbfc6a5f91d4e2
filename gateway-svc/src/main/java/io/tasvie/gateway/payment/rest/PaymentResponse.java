package io.tasvie.gateway.payment.rest;

import io.tasvie.gateway.payment.PaymentStatus;
import io.tasvie.gateway.settings.Environment;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A payment as its merchant sees it; the card only masked. {@code amount} is what the card is
 * charged: {@code orderAmount}, what the merchant asked for, less the card {@code discountAmount}.
 */
public record PaymentResponse(
    UUID paymentId,
    String merchantReference,
    PaymentStatus status,
    long amount,
    long orderAmount,
    long discountAmount,
    String currency,
    Environment environment,
    String payerName,
    String description,
    String redirectUrl,
    String customerId,
    String paymentPageUrl,
    Instant createdAt,
    Instant expiresAt,
    Instant authorizedAt,
    Instant verifyBy,
    Instant capturedAt,
    Instant reversedAt,
    String reversalReason,
    String declineReason,
    CardResponse card,
    String authCode,
    String rrn,
    String payerIp,
    long refundedAmount,
    LocalDate settlementDate,
    String settlementNumber) {

  public record CardResponse(String maskedNumber, String brand) {}
}
