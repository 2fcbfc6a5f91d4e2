package io.tasvie.common.contract;

import io.tasvie.common.outbox.DomainEvent;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * terminal-svc issued a one-time activation code for a terminal; notify-svc e-mails it to the
 * merchant. Topic {@code terminals}, key = terminal id. The code is a secret: consumers never log
 * it, and it is worthless after {@code expiresAt} or once used.
 */
public record ActivationCodeIssuedEvent(
    UUID merchantId,
    String terminalId,
    String email,
    String activationCode,
    @Nullable String language,
    Instant expiresAt,
    Instant occurredAt)
    implements DomainEvent {

  public static final String TOPIC = "terminals";

  @Override
  public String topic() {
    return TOPIC;
  }

  @Override
  public String aggregateId() {
    return terminalId;
  }
}
