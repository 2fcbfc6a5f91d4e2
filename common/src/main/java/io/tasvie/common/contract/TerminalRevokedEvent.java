package io.tasvie.common.contract;

import io.tasvie.common.outbox.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * An admin revoked a terminal: its credentials are void and its sessions were closed. Topic {@code
 * terminals}, key = terminal id (the request's id when no terminal ID was assigned yet).
 */
public record TerminalRevokedEvent(
    UUID merchantId, String terminalId, String reason, Instant occurredAt) implements DomainEvent {

  @Override
  public String topic() {
    return ActivationCodeIssuedEvent.TOPIC;
  }

  @Override
  public String aggregateId() {
    return terminalId;
  }
}
