package io.tasvie.gateway.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "tasvie.auth")
public interface AuthConfig {

  /** How long an issued access token is valid. */
  @WithDefault("1h")
  Duration tokenLifetime();

  /**
   * Clients bootstrapped from configuration (admin, finance), by client id. A client without a
   * secret cannot get a token: there is no default password.
   */
  Map<String, StaticClient> clients();

  interface StaticClient {
    String role();

    Optional<String> secret();
  }
}
