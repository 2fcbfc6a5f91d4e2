package io.tasvie.terminal.transaction.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tasvie.common.schedule.PeriodicJob;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import io.tasvie.terminal.wallet.service.WalletService;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;

/**
 * Runs {@link TransactionService#sweep} and {@link WalletService#expire} (wallet payments nobody
 * confirmed in time) every {@code tasvie.terminal.sweep-interval}. Rows are locked while swept, so
 * a second instance waits rather than reversing twice.
 */
@ApplicationScoped
public class TransactionSweep {

  private static final int BATCH = 100;

  private final Vertx vertx;
  private final TransactionService service;
  private final WalletService wallet;
  private final TerminalConfig config;
  private PeriodicJob job;

  public TransactionSweep(
      Vertx vertx, TransactionService service, WalletService wallet, TerminalConfig config) {
    this.vertx = vertx;
    this.service = service;
    this.wallet = wallet;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    job =
        PeriodicJob.start(
            vertx,
            config.sweepInterval(),
            "Sweep of unfinished card transactions",
            () ->
                PeriodicJob.drain(
                        BATCH,
                        () -> {
                          Instant now = Instant.now();
                          return service.sweep(
                              now.minus(config.pinTimeout()),
                              now.minus(config.staleAfter()),
                              BATCH);
                        })
                    .call(() -> PeriodicJob.drain(BATCH, () -> wallet.expire(BATCH))));
  }

  void stop(@Observes ShutdownEvent event) {
    job.close();
  }
}
