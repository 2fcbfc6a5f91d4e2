package io.tasvie.gateway.payment.rest;

import io.tasvie.gateway.payment.PaymentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A payment as its merchant sees it; the card only masked. */
public record PaymentResponse(
    UUID paymentId,
    String merchantReference,
    PaymentStatus status,
    long amount,
    String currency,
    String payerName,
    String description,
    String redirectUrl,
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
