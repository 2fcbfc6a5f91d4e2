package io.tasvie.gateway.auth.lockout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Limits on guessing secrets (PCI DSS 8.3.4): {@code max-failures} wrong secrets in a row lock the
 * credential for {@code duration}; a source address with {@code source-max-failures} failures
 * across all credentials is throttled for {@code duration} after its last one. Both counters start
 * again after {@code duration} without failures.
 */
@ConfigMapping(prefix = "tasvie.auth.lockout")
public interface LockoutConfig {

  @WithDefault("10")
  int maxFailures();

  @WithDefault("PT30M")
  Duration duration();

  /** Below {@code max-failures}, so that one source alone can never lock a credential. */
  @WithDefault("5")
  int sourceMaxFailures();
}
