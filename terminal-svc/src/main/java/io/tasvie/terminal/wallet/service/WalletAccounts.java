package io.tasvie.terminal.wallet.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The wallet's money side, a sandbox: each wallet user has a balance per currency, opened with
 * {@code tasvie.terminal.wallet-sandbox-balance} minor units the first time it is used.
 */
@ApplicationScoped
public class WalletAccounts {

  private final TerminalConfig config;

  public WalletAccounts(TerminalConfig config) {
    this.config = config;
  }

  /**
   * Runs in the caller's transaction.
   *
   * @throws ProblemException 409 {@code insufficient-balance}
   */
  public Uni<Void> debit(String walletUser, String currency, long amount) {
    return open(walletUser, currency)
        .chain(() -> change(walletUser, currency, -amount))
        .invoke(
            updated -> {
              if (updated == 0) {
                throw ProblemException.conflict(
                    "insufficient-balance", "The wallet's balance does not cover the payment");
              }
            })
        .replaceWithVoid();
  }

  public Uni<Void> credit(String walletUser, String currency, long amount) {
    return open(walletUser, currency)
        .chain(() -> change(walletUser, currency, amount))
        .replaceWithVoid();
  }

  private Uni<Integer> open(String walletUser, String currency) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into wallet_account (wallet_user, currency, balance) values (?1, ?2,"
                            + " ?3) on conflict do nothing")
                    .setParameter(1, walletUser)
                    .setParameter(2, currency)
                    .setParameter(3, config.walletSandboxBalance())
                    .executeUpdate());
  }

  private static Uni<Integer> change(String walletUser, String currency, long delta) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "update wallet_account set balance = balance + ?3 where wallet_user = ?1"
                            + " and currency = ?2 and balance + ?3 >= 0")
                    .setParameter(1, walletUser)
                    .setParameter(2, currency)
                    .setParameter(3, delta)
                    .executeUpdate());
  }
}
