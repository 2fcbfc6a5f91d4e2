package io.tasvie.gateway.payment.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tasvie.common.schedule.PeriodicJob;
import io.tasvie.gateway.idempotency.IdempotencyKeys;
import io.tasvie.gateway.payment.config.CheckoutConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs {@link PaymentService#sweepOverdue} every {@code tasvie.checkout.sweep-interval}, and
 * forgets idempotency keys past their time to live. What is overdue is read from the table each
 * time, and several instances can sweep at once (SKIP LOCKED), so restarts and scaling lose
 * nothing.
 */
@ApplicationScoped
public class OverdueSweep {

  private static final int BATCH = 100;

  private final Vertx vertx;
  private final PaymentService service;
  private final IdempotencyKeys idempotencyKeys;
  private final CheckoutConfig config;
  private PeriodicJob job;

  public OverdueSweep(
      Vertx vertx, PaymentService service, IdempotencyKeys idempotencyKeys, CheckoutConfig config) {
    this.vertx = vertx;
    this.service = service;
    this.idempotencyKeys = idempotencyKeys;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    job =
        PeriodicJob.start(
            vertx,
            config.sweepInterval(),
            "Sweep of overdue payments",
            () ->
                PeriodicJob.drain(BATCH, () -> service.sweepOverdue(BATCH))
                    .call(() -> idempotencyKeys.purgeOlderThan(config.idempotencyKeyTtl())));
  }

  void stop(@Observes ShutdownEvent event) {
    job.close();
  }
}
