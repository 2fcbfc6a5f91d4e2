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
   * How often the relay looks at the outbox when nothing told it to: only a fallback (a lost LISTEN
   * connection, rows a replica wrote just before it died).
   */
  @WithDefault("5s")
  Duration pollInterval();

  /**
   * How often the relay looks while events are being written (this process's or, by NOTIFY, another
   * replica's): bounds the time from commit to publish.
   */
  @WithDefault("10ms")
  Duration busyPollInterval();

  /** How long after the last write the relay keeps looking every busy-poll interval. */
  @WithDefault("500ms")
  Duration linger();

  /**
   * Whether {@link Outbox} checks each event against its schema in the event catalogue ({@code
   * docs/events}) and refuses one that does not match, failing the transaction that wrote it. On in
   * every service's tests, so that a test whose events break the contract fails; off in production,
   * where it would cost CPU on every event.
   */
  @WithDefault("false")
  boolean validateEvents();
}
