package io.tasvie.common.contract;

import io.tasvie.common.outbox.DomainEvent;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A merchant's payment-method settings changed on gateway-svc. Topic {@code merchants}, key =
 * merchant id. {@code changes} names each field that changed with its old and new value (as text,
 * null when unset); {@code changedBy} is the token's subject (an admin client or the merchant
 * number) and {@code role} its role.
 */
public record MerchantSettingsChangedEvent(
    UUID merchantId,
    String changedBy,
    String role,
    List<Change> changes,
    String environment,
    boolean maintenance,
    Instant occurredAt)
    implements DomainEvent {

  /** One field: {@code field} as in the settings API, e.g. {@code minAmount}. */
  public record Change(String field, @Nullable String from, @Nullable String to) {}

  @Override
  public String topic() {
    return MerchantRegisteredEvent.TOPIC;
  }

  @Override
  public String aggregateId() {
    return merchantId.toString();
  }
}
