package io.tasvie.common.contract;

import io.tasvie.common.outbox.DomainEvent;
import java.util.UUID;

/**
 * An event of one payment's life. Topic {@code payments}, key = payment id, so that a payment's
 * events stay in order; {@code channel} tells online checkout ({@code ONLINE}) from card-present.
 */
public interface PaymentEvent extends DomainEvent {

  String TOPIC = "payments";

  UUID paymentId();

  @Override
  default String topic() {
    return TOPIC;
  }

  @Override
  default String aggregateId() {
    return paymentId().toString();
  }
}
