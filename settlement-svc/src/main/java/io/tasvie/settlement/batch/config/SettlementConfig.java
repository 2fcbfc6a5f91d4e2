package io.tasvie.settlement.batch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;

/** The default merchant contract: when a captured payment is paid out. */
@ConfigMapping(prefix = "tasvie.settlement")
public interface SettlementConfig {

  /** Business days from the payment's business day to its settlement date (T+1..T+3). */
  @WithDefault("1")
  int delayDays();

  /** Payments captured after this local time belong to the next day. */
  @WithDefault("23:59")
  LocalTime cutoff();

  /** The merchant's time zone per country, for the cut-off. */
  Map<String, ZoneId> zones();

  @WithDefault("UTC")
  ZoneId defaultZone();

  /** Merchant discount rate in basis points for channels a contract does not price. */
  @WithDefault("0")
  int defaultMdrBps();

  /** Fixed fee per captured payment (minor units) for channels a contract does not price. */
  @WithDefault("0")
  long defaultFixedFee();

  /** How often batches past their cut-off are closed. */
  @WithDefault("PT30S")
  Duration closeInterval();
}
