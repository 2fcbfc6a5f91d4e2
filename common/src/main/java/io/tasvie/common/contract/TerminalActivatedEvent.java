package io.tasvie.common.contract;

import io.tasvie.common.outbox.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A terminal was activated (or re-activated) on a device and can now take payments. Topic {@code
 * terminals}, key = terminal id. {@code kind} is {@code MPOS_BLUETOOTH}, {@code SOFTPOS_NFC} or
 * {@code TILL}.
 */
public record TerminalActivatedEvent(
    UUID merchantId, String terminalId, String kind, String deviceId, Instant occurredAt)
    implements DomainEvent {

  @Override
  public String topic() {
    return ActivationCodeIssuedEvent.TOPIC;
  }

  @Override
  public String aggregateId() {
    return terminalId;
  }
}
