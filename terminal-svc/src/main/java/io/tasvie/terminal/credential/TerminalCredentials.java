package io.tasvie.terminal.credential;

import io.smallrye.jwt.build.Jwt;
import io.tasvie.common.security.MerchantClaim;
import io.tasvie.common.security.Roles;
import io.tasvie.terminal.terminal.Terminal;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Signs terminal credentials: RS256 JWTs with role {@code terminal}, bound to one terminal, its
 * merchant, the device it was activated on and its credential version.
 */
@ApplicationScoped
public class TerminalCredentials {

  private final TerminalConfig config;

  public TerminalCredentials(TerminalConfig config) {
    this.config = config;
  }

  /**
   * @param refreshSecret the secret that obtains the next token, or null when only refreshing
   */
  public CredentialResponse issue(Terminal terminal, String refreshSecret) {
    String token =
        Jwt.issuer("tasvie")
            .subject(terminal.getTerminalId())
            .upn(terminal.getTerminalId())
            .groups(Set.of(Roles.TERMINAL))
            .claim(MerchantClaim.NAME, terminal.getMerchantId().toString())
            .claim(TerminalPrincipal.TERMINAL_ID, terminal.getTerminalId())
            .claim("device_id", terminal.getDeviceId() == null ? "" : terminal.getDeviceId())
            .claim(TerminalPrincipal.CREDENTIAL_VERSION, terminal.getCredentialVersion())
            .expiresIn(config.credentialLifetime())
            .sign();
    return new CredentialResponse(
        terminal.getTerminalId(),
        token,
        "Bearer",
        config.credentialLifetime().toSeconds(),
        refreshSecret);
  }
}
