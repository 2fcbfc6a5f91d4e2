package io.tasvie.notify.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/** How notify-svc writes, retries and gives up on messages. */
@ConfigMapping(prefix = "tasvie.notify")
public interface NotifyConfig {

  /** SMS sender (source address) of merchants without their own. */
  @WithDefault("Tasvie")
  String defaultSmsSender();

  /** From address of e-mails. */
  @WithDefault("Tasvie <no-reply@tasvie.local>")
  String emailFrom();

  /** Receipt language per merchant country (ISO 3166-1 → ISO 639-1); others get English. */
  Map<String, String> languages();

  /** Time zone receipts show times in, per merchant country; others get UTC. */
  Map<String, ZoneId> zones();

  /** Attempts before a message is dead-lettered (throttling does not count). */
  @WithDefault("5")
  int maxAttempts();

  /** Wait before the first retry; doubled each attempt up to {@link #retryMax()}. */
  @WithDefault("5s")
  Duration retryInitial();

  @WithDefault("10m")
  Duration retryMax();

  /** How long an SMS may wait for its delivery receipt before it counts as EXPIRED. */
  @WithDefault("24h")
  Duration smsValidity();

  /**
   * How long a concatenated SMS waits for the receipts of its other parts once one part is DELIVRD;
   * then that receipt is the message's (SMSCs that report once per message send one).
   */
  @WithDefault("10m")
  Duration partReceiptWindow();

  /**
   * A submit still unanswered after this is of unknown outcome (the process died or the link broke
   * between submit and response): it is resolved from delivery receipts, never resent blindly.
   */
  @WithDefault("30s")
  Duration unknownAfter();

  /** How long delivery receipts may resolve an unknown outcome before the message is FAILED. */
  @WithDefault("10m")
  Duration unknownWindow();

  Dispatch dispatch();

  interface Dispatch {
    /**
     * Messages claimed per round: also the most whose outcome a crash can leave unknown at once.
     */
    @WithDefault("100")
    int claimSize();

    /** Rounds in flight at once per channel. */
    @WithDefault("2")
    int loops();

    /** Longest idle wait between looks at the queue when nothing wakes the dispatcher. */
    @WithDefault("500ms")
    Duration idlePoll();

    /** How often unknown outcomes, expired receipts and old receipts are swept. */
    @WithDefault("5s")
    Duration sweepInterval();
  }
}
