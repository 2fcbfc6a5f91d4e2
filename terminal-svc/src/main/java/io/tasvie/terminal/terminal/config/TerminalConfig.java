package io.tasvie.terminal.terminal.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** {@code tasvie.terminal.*}: the rules of terminals and their sessions. */
@ConfigMapping(prefix = "tasvie.terminal")
public interface TerminalConfig {

  /** How long an e-mailed activation code can be used. */
  @WithDefault("72h")
  Duration activationCodeTtl();

  /** Lifetime of a terminal's access token; the refresh secret obtains the next one. */
  @WithDefault("12h")
  Duration credentialLifetime();

  /** How long a Bluetooth security code can be typed on the reader. */
  @WithDefault("2m")
  Duration pairingTtl();

  /** Wrong security codes that void a pairing. */
  @WithDefault("3")
  int pairingAttempts();

  /** Wrong supervisor codes in a row that lock refunds. */
  @WithDefault("5")
  int supervisorAttempts();

  @WithDefault("30m")
  Duration refundLock();

  /** How long a back-office refund approval waits for the card. */
  @WithDefault("10m")
  Duration refundApprovalTtl();

  /**
   * Contactless amount (minor units) above which the PIN is needed, per currency; a merchant may
   * set its own ({@code PUT /v1/merchants/{id}/terminal-settings}).
   */
  Map<String, Long> cvmLimits();

  /** How long a purchase waits for the PIN before it is cancelled. */
  @WithDefault("2m")
  Duration pinTimeout();

  /** A purchase with no outcome recorded after this long is reversed at the acquirer. */
  @WithDefault("1m")
  Duration staleAfter();

  @WithDefault("10s")
  Duration sweepInterval();

  /**
   * How long a request id stays claimed without an answer before another copy may take it over:
   * longer than any request takes (the acquirer, the operator, the sweep of a stale purchase), so
   * that only the claim of a replica that died is taken over.
   */
  @WithDefault("5m")
  Duration messageClaimTimeout();

  /** A session that answered no ping for this long is closed as timed out. */
  @WithDefault("90s")
  Duration heartbeatTimeout();

  /** Largest text frame the session handles; larger ones are answered FRAME_TOO_LARGE. */
  @WithDefault("65536")
  int maxFrameBytes();

  /** How long a wallet payment waits for a wallet user to confirm it. */
  @WithDefault("2m")
  Duration walletPaymentTtl();

  /** How long after its capture a wallet payment can be refunded. */
  @WithDefault("30d")
  Duration walletRefundWindow();

  /** The sandbox balance a wallet user starts with, per currency, in minor units. */
  @WithDefault("100000000")
  long walletSandboxBalance();
}
