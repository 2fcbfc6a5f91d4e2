package io.tasvie.gateway.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "tasvie.notifications")
public interface NotificationConfig {

  /** The wait before each retry after a failed delivery; past the last, the notification fails. */
  @WithDefault("PT1M,PT5M,PT30M,PT2H,PT6H")
  List<Duration> retrySchedule();

  /** How often due notifications are looked for. */
  @WithDefault("PT1S")
  Duration pollInterval();

  /** How long the merchant's server has to answer one attempt. */
  @WithDefault("PT10S")
  Duration timeout();

  /** A claimed attempt that never recorded its outcome (a crash) is tried again after this. */
  @WithDefault("PT2M")
  Duration lease();

  /** Notifications sent at once by one replica. */
  @WithDefault("32")
  int batch();
}
