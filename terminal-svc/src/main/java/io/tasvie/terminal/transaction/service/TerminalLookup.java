package io.tasvie.terminal.transaction.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.merchant.MerchantProjection;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.terminal.terminal.Terminal;
import io.tasvie.terminal.terminal.repository.TerminalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The terminal a transaction runs on, re-read in the transaction, and its merchant. */
@ApplicationScoped
public class TerminalLookup {

  private final TerminalRepository terminals;

  public TerminalLookup(TerminalRepository terminals) {
    this.terminals = terminals;
  }

  public record Context(Terminal terminal, MerchantProjection merchant) {

    /**
     * @throws ProblemException 400 {@code currency-not-accepted} for another currency than the
     *     merchant's
     */
    public void requireCurrency(String currency) {
      if (!merchant.getCurrency().equals(currency)) {
        throw new ProblemException(
            400,
            "currency-not-accepted",
            "Bad request",
            "Merchant "
                + merchant.getMerchantNumber()
                + " accepts "
                + merchant.getCurrency()
                + " only",
            Map.of("accepted", List.of(merchant.getCurrency())));
      }
    }
  }

  /**
   * @throws ProblemException 409 {@code terminal-not-active} when the terminal was revoked (or is
   *     not activated) since its session opened
   */
  public Uni<Context> active(UUID terminalRef) {
    return terminals
        .findById(terminalRef)
        .chain(
            terminal -> {
              if (terminal == null || !terminal.isActive()) {
                throw ProblemException.conflict(
                    "terminal-not-active",
                    "Terminal "
                        + (terminal == null ? terminalRef : terminal.label())
                        + " is not active");
              }
              return Panache.getSession()
                  .chain(
                      session -> session.find(MerchantProjection.class, terminal.getMerchantId()))
                  .map(
                      merchant -> {
                        if (merchant == null) {
                          throw ProblemException.notFound("merchant", terminal.getMerchantId());
                        }
                        return new Context(terminal, merchant);
                      });
            });
  }
}
