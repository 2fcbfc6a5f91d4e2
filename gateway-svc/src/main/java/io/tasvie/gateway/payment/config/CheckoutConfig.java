package io.tasvie.gateway.payment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "tasvie.checkout")
public interface CheckoutConfig {

  /** How long an authorised payment waits for the merchant's verify before it is reversed. */
  @WithDefault("PT15M")
  Duration verifyWindow();

  /** How long the payer has to pay on the hosted page. */
  @WithDefault("PT15M")
  Duration paymentLifetime();

  /** How often the sweep reverses unverified and expires unpaid payments. */
  @WithDefault("PT15S")
  Duration sweepInterval();

  /** How long an {@code Idempotency-Key} is remembered (Stripe: 24 hours). */
  @WithDefault("PT24H")
  Duration idempotencyKeyTtl();

  /**
   * The address payers reach the hosted page at, e.g. {@code https://pay.example.com}; without it,
   * the address the merchant's request came to.
   */
  Optional<String> publicUrl();

  /** Accepted currencies with their amount limits in minor units. */
  Map<String, AmountLimits> currencies();

  interface AmountLimits {
    long min();

    long max();
  }

  /** Key of the hosted page's form (CSRF) tokens. */
  String pageKey();

  /**
   * The time zone pages show times in, by merchant country (ISO 3166-1); countries not listed use
   * UTC.
   */
  Map<String, ZoneId> zones();
}
