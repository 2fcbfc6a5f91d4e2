package io.tasvie.notify.sms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The SMSC notify-svc binds to as an ESME (SMPP 3.4 transceiver). */
@ConfigMapping(prefix = "tasvie.smpp")
public interface SmppConfig {

  @WithDefault("127.0.0.1")
  String host();

  @WithDefault("2775")
  int port();

  @WithDefault("tasvie")
  String systemId();

  @WithDefault("tasvie")
  String password();

  /** system_type of the bind, when the SMSC asks for one. */
  Optional<String> systemType();

  /** Submits in flight at once (the SMPP window). */
  @WithDefault("32")
  int window();

  /** How long to wait for a response PDU. */
  @WithDefault("10s")
  Duration responseTimeout();

  @WithDefault("30s")
  Duration enquireLink();

  /** First wait before re-binding after a lost session; doubled up to {@link #rebindMax()}. */
  @WithDefault("500ms")
  Duration rebindInitial();

  @WithDefault("30s")
  Duration rebindMax();

  /** Pause after ESME_RTHROTTLED / ESME_RMSGQFUL; doubled while the SMSC keeps throttling. */
  @WithDefault("200ms")
  Duration throttleInitial();

  @WithDefault("10s")
  Duration throttleMax();

  /** Most submits per second per sender (source address); 0 for no limit. */
  @WithDefault("2500")
  int ratePerSender();

  /**
   * Threads that handle incoming PDUs. A delivery receipt holds its thread until it is committed,
   * so this must exceed the SMSC's window of unacknowledged deliver_sm, or submit responses queue
   * behind receipts.
   */
  @WithDefault("128")
  int receiveThreads();
}
