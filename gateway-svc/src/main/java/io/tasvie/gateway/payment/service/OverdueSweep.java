package io.tasvie.gateway.payment.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.tasvie.gateway.idempotency.IdempotencyKeys;
import io.tasvie.gateway.payment.config.CheckoutConfig;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs {@link PaymentService#sweepOverdue} every {@code tasvie.checkout.sweep-interval}, and
 * forgets idempotency keys past their time to live. Only the trigger is a timer: what is overdue is
 * read from the table each time, and several instances can sweep at once (SKIP LOCKED), so restarts
 * and scaling lose nothing.
 */
@ApplicationScoped
public class OverdueSweep {

  private static final Logger LOG = Logger.getLogger(OverdueSweep.class);
  private static final int BATCH = 100;

  private final Vertx vertx;
  private final PaymentService service;
  private final IdempotencyKeys idempotencyKeys;
  private final CheckoutConfig config;
  private final AtomicBoolean running = new AtomicBoolean();
  private long timer = -1;

  public OverdueSweep(
      Vertx vertx, PaymentService service, IdempotencyKeys idempotencyKeys, CheckoutConfig config) {
    this.vertx = vertx;
    this.service = service;
    this.idempotencyKeys = idempotencyKeys;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    timer = vertx.setPeriodic(config.sweepInterval().toMillis(), id -> sweep());
  }

  void stop(@Observes ShutdownEvent event) {
    vertx.cancelTimer(timer);
  }

  private void sweep() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    // Hibernate Reactive needs a duplicated (isolated) context of its own.
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(
        v ->
            sweepAll()
                .call(() -> idempotencyKeys.purgeOlderThan(config.idempotencyKeyTtl()))
                .subscribe()
                .with(
                    swept -> running.set(false),
                    failure -> {
                      running.set(false);
                      LOG.warnf("Sweep of overdue payments failed, retried next time: %s", failure);
                    }));
  }

  private Uni<Integer> sweepAll() {
    return service
        .sweepOverdue(BATCH)
        .chain(
            swept ->
                swept == BATCH
                    ? sweepAll().map(more -> swept + more)
                    : Uni.createFrom().item(swept));
  }
}
