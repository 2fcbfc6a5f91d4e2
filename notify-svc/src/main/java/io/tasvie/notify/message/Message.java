package io.tasvie.notify.message;

import java.time.Instant;
import java.util.UUID;

/** One SMS or e-mail from its request to its final state. */
public record Message(
    UUID id,
    UUID merchantId,
    Kind kind,
    Channel channel,
    UUID transactionId,
    String terminalId,
    String recipient,
    String sender,
    String language,
    String subject,
    String body,
    String encoding,
    int segments,
    Status status,
    int attempts,
    Instant nextAttemptAt,
    String providerId,
    String lastError,
    UUID resendOf,
    Instant createdAt,
    Instant sendingSince,
    Instant submittedAt,
    Instant deliveredAt,
    Instant failedAt) {

  public enum Kind {
    RECEIPT,
    ACTIVATION_CODE
  }

  public enum Channel {
    SMS,
    EMAIL
  }

  /**
   * QUEUED → SENDING (claimed, submit under way) → SUBMITTED (the SMSC or SMTP server took it) →
   * DELIVERED | FAILED | EXPIRED by delivery receipt. PARTLY_SENT: the SMSC took the first parts of
   * a concatenated SMS and refused one for good (its parts tell which). REJECTED: refused before
   * sending (a number that cannot get an SMS); DEAD_LETTERED: given up after the last retry.
   */
  public enum Status {
    QUEUED,
    SENDING,
    SUBMITTED,
    DELIVERED,
    FAILED,
    PARTLY_SENT,
    EXPIRED,
    REJECTED,
    DEAD_LETTERED
  }
}
