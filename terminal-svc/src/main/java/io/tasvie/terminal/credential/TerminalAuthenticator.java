package io.tasvie.terminal.credential;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.terminal.terminal.Terminal;
import io.tasvie.terminal.terminal.repository.TerminalRepository;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a valid terminal credential into its terminal, refusing credentials that were voided since
 * they were signed (revocation, re-binding, re-activation) though their signature still holds.
 */
@ApplicationScoped
public class TerminalAuthenticator {

  private final TerminalRepository terminals;

  public TerminalAuthenticator(TerminalRepository terminals) {
    this.terminals = terminals;
  }

  /**
   * @throws ProblemException 401 {@code credential-void} for a revoked or superseded credential
   */
  public Uni<Terminal> terminalOf(TerminalPrincipal principal) {
    return Panache.withSession(
            () -> terminals.find("terminalId", principal.terminalId()).firstResult())
        .map(
            terminal -> {
              if (terminal == null
                  || !terminal.getMerchantId().equals(principal.merchantId())
                  || terminal.getCredentialVersion() != principal.credentialVersion()
                  || !terminal.isActive()) {
                throw new ProblemException(
                    401,
                    "credential-void",
                    "Unauthorized",
                    terminal != null && !terminal.isActive()
                        ? "Terminal " + principal.terminalId() + " is " + terminal.getStatus()
                        : "This terminal credential is no longer valid; activate again");
              }
              return terminal;
            });
  }

  /** The terminal of a REST call made with a terminal credential for {@code pathTerminalId}. */
  public Uni<Terminal> terminalOf(TerminalPrincipal principal, String pathTerminalId) {
    if (!principal.terminalId().equals(pathTerminalId)) {
      throw new ProblemException(
          403,
          "other-terminal",
          "Forbidden",
          "This credential is for terminal " + principal.terminalId() + ", not " + pathTerminalId);
    }
    return terminalOf(principal);
  }
}
