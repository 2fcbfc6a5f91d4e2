package io.tasvie.terminal.credential;

import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.MerchantClaim;
import io.tasvie.common.security.Roles;
import jakarta.json.JsonNumber;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The terminal a credential speaks for, read from its claims. */
public record TerminalPrincipal(String terminalId, UUID merchantId, int credentialVersion) {

  public static final String TERMINAL_ID = "terminal_id";
  public static final String CREDENTIAL_VERSION = "cv";

  /**
   * @throws ProblemException 403 when the token is not a terminal credential
   */
  public static TerminalPrincipal of(JsonWebToken jwt) {
    Integer version = version(jwt.getClaim(CREDENTIAL_VERSION));
    String terminalId = jwt.getClaim(TERMINAL_ID);
    if (!jwt.getGroups().contains(Roles.TERMINAL) || terminalId == null || version == null) {
      throw new ProblemException(
          403, "not-a-terminal-credential", "Forbidden", "The token is not a terminal credential");
    }
    return new TerminalPrincipal(terminalId, MerchantClaim.of(jwt), version);
  }

  /**
   * A numeric claim arrives as a JSON-P number from a parsed token, as a Number from a built one.
   */
  private static Integer version(Object claim) {
    if (claim instanceof JsonNumber number) {
      return number.intValue();
    }
    if (claim instanceof Number number) {
      return number.intValue();
    }
    return null;
  }
}
