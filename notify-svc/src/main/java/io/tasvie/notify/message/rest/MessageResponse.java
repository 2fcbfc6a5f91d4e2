package io.tasvie.notify.message.rest;

import io.tasvie.notify.message.Message;
import java.time.Instant;
import java.util.UUID;

/** A message as the API shows it; an activation e-mail's text (it holds the code) never. */
public record MessageResponse(
    UUID messageId,
    UUID merchantId,
    String kind,
    String channel,
    UUID transactionId,
    String terminalId,
    String recipient,
    String sender,
    String language,
    String subject,
    String text,
    String encoding,
    int segments,
    String status,
    int attempts,
    Instant nextAttemptAt,
    String providerMessageId,
    String lastError,
    UUID resendOf,
    Instant createdAt,
    Instant submittedAt,
    Instant deliveredAt,
    Instant failedAt) {

  static MessageResponse of(Message m) {
    return new MessageResponse(
        m.id(),
        m.merchantId(),
        m.kind().name(),
        m.channel().name(),
        m.transactionId(),
        m.terminalId(),
        m.recipient(),
        m.sender(),
        m.language(),
        m.subject(),
        m.kind() == Message.Kind.RECEIPT ? m.body() : null,
        m.encoding(),
        m.segments(),
        m.status().name(),
        m.attempts(),
        m.status() == Message.Status.QUEUED ? m.nextAttemptAt() : null,
        m.providerId(),
        m.lastError(),
        m.resendOf(),
        m.createdAt(),
        m.submittedAt(),
        m.deliveredAt(),
        m.failedAt());
  }
}
