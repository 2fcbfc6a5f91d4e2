package io.tasvie.notify.message.rest;

import io.tasvie.notify.message.Message;
import io.tasvie.notify.message.MessagePart;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A message as the API shows it; an activation e-mail's text (it holds the code) never. An SMS
 * lists its parts once it was submitted, each with its own outcome.
 */
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
    List<PartResponse> parts,
    String lastError,
    UUID resendOf,
    Instant createdAt,
    Instant submittedAt,
    Instant deliveredAt,
    Instant failedAt) {

  /** One part of an SMS: its SMSC message id (none if refused or not sent) and outcome. */
  public record PartResponse(int part, String providerMessageId, String status, String error) {
    static PartResponse of(MessagePart p) {
      return new PartResponse(p.part(), p.providerId(), p.status(), p.error());
    }
  }

  static MessageResponse of(Message m, List<MessagePart> parts) {
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
        parts == null ? List.of() : parts.stream().map(PartResponse::of).toList(),
        m.lastError(),
        m.resendOf(),
        m.createdAt(),
        m.submittedAt(),
        m.deliveredAt(),
        m.failedAt());
  }
}
