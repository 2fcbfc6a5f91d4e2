package io.tasvie.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tasvie.outbox")
public interface OutboxConfig {

  /** Whether this instance relays the outbox to Kafka. */
  @WithDefault("true")
  boolean relayEnabled();

  /** Most events published per database transaction. */
  @WithDefault("500")
  int batchSize();

  /**
   * How often the relay looks at the outbox without being notified: only a fallback for a lost
   * LISTEN connection; normally PostgreSQL NOTIFY wakes it at commit.
   */
  @WithDefault("5s")
  Duration pollInterval();

  /**
   * Whether {@link Outbox} checks each event against its schema in the event catalogue ({@code
   * docs/events}) and refuses one that does not match, failing the transaction that wrote it. On in
   * every service's tests, so that a test whose events break the contract fails; off in production,
   * where it would cost CPU on every event.
   */
  @WithDefault("false")
  boolean validateEvents();
}
