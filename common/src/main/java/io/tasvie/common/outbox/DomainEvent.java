package io.tasvie.common.outbox;

import java.time.Instant;

/**
 * An event that announces a committed state change. Its JSON form is the event body; the methods
 * below become the Kafka key and the CloudEvents headers.
 */
public interface DomainEvent {

  /** The topic: the aggregate's type, so that all events of one aggregate share a topic. */
  String topic();

  /** The Kafka key: the aggregate's id, so that one aggregate's events stay in order. */
  String aggregateId();

  /** The CloudEvents type, e.g. {@code MerchantRegistered}. */
  default String type() {
    String name = getClass().getSimpleName();
    return name.endsWith("Event") ? name.substring(0, name.length() - "Event".length()) : name;
  }

  Instant occurredAt();
}
