package io.tasvie.terminal.session;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.terminal.credential.TerminalAuthenticator;
import io.tasvie.terminal.credential.TerminalPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Admits a session only with a valid, current terminal credential ({@code Authorization: Bearer};
 * {@code access_token} in the query for clients that cannot set headers). A refused upgrade is
 * answered with its HTTP status and the problem type in {@code X-Tasvie-Error}.
 */
@ApplicationScoped
public class SessionUpgradeCheck implements HttpUpgradeCheck {

  public static final String ERROR_HEADER = "X-Tasvie-Error";

  private final JWTParser parser;
  private final TerminalAuthenticator authenticator;

  public SessionUpgradeCheck(JWTParser parser, TerminalAuthenticator authenticator) {
    this.parser = parser;
    this.authenticator = authenticator;
  }

  @Override
  public Uni<CheckResult> perform(HttpUpgradeContext context) {
    String token = token(context);
    if (token == null) {
      return reject(401, "missing-credential");
    }
    JsonWebToken jwt;
    TerminalPrincipal principal;
    try {
      jwt = parser.parse(token);
      principal = TerminalPrincipal.of(jwt);
    } catch (ParseException e) {
      return reject(401, "invalid-credential");
    } catch (ProblemException e) {
      return reject(e.status(), e.type());
    }
    return authenticator
        .terminalOf(principal)
        .map(
            terminal -> {
              context
                  .userData()
                  .put(
                      SessionIdentity.KEY,
                      new SessionIdentity(
                          terminal.getId(),
                          terminal.getTerminalId(),
                          terminal.getMerchantId(),
                          terminal.getKind()));
              return CheckResult.permitUpgradeSync();
            })
        .onFailure(ProblemException.class)
        .recoverWithItem(
            failure -> {
              ProblemException problem = (ProblemException) failure;
              return CheckResult.rejectUpgradeSync(
                  problem.status(), Map.of(ERROR_HEADER, List.of(problem.type())));
            });
  }

  private static String token(HttpUpgradeContext context) {
    String header = context.httpRequest().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    String query = context.httpRequest().getParam("access_token");
    return query == null || query.isBlank() ? null : query;
  }

  private static Uni<CheckResult> reject(int status, String type) {
    return CheckResult.rejectUpgrade(status, Map.of(ERROR_HEADER, List.of(type)));
  }
}
