package io.tasvie.settlement.batch.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tasvie.common.schedule.PeriodicJob;
import io.tasvie.settlement.batch.config.SettlementConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Closes the batches whose cut-off passed, every {@code tasvie.settlement.close-interval}. */
@ApplicationScoped
public class BatchCloser {

  private static final int BATCH = 500;

  private final Vertx vertx;
  private final BatchService batches;
  private final SettlementConfig config;
  private PeriodicJob job;

  public BatchCloser(Vertx vertx, BatchService batches, SettlementConfig config) {
    this.vertx = vertx;
    this.batches = batches;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    job =
        PeriodicJob.start(
            vertx,
            config.closeInterval(),
            "Closing due settlement batches",
            () -> PeriodicJob.drain(BATCH, () -> batches.closeDue(BATCH)));
  }

  void stop(@Observes ShutdownEvent event) {
    job.close();
  }
}
