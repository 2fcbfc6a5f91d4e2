package io.tasvie.common.schedule;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs a reactive job every {@code interval}, never two runs at once, each on a fresh duplicated
 * Vert.x context (which Hibernate Reactive sessions need). Only the trigger lives in memory: jobs
 * read what is due from the database, so a restart loses nothing.
 */
public final class PeriodicJob implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(PeriodicJob.class);

  private final Vertx vertx;
  private final String name;
  private final Supplier<Uni<?>> job;
  private final AtomicBoolean running = new AtomicBoolean();
  private final long timer;

  private PeriodicJob(Vertx vertx, Duration interval, String name, Supplier<Uni<?>> job) {
    this.vertx = vertx;
    this.name = name;
    this.job = job;
    this.timer = vertx.setPeriodic(interval.toMillis(), id -> run());
  }

  public static PeriodicJob start(
      Vertx vertx, Duration interval, String name, Supplier<Uni<?>> job) {
    return new PeriodicJob(vertx, interval, name, job);
  }

  /**
   * Repeats {@code step} (which handles up to {@code batch} items and answers how many it did)
   * until a step does fewer: all that is due, a batch per transaction.
   */
  public static Uni<Integer> drain(int batch, Supplier<Uni<Integer>> step) {
    return step.get()
        .chain(
            done ->
                done == batch
                    ? drain(batch, step).map(more -> done + more)
                    : Uni.createFrom().item(done));
  }

  private void run() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    context.runOnContext(
        v ->
            job.get()
                .subscribe()
                .with(
                    done -> running.set(false),
                    failure -> {
                      running.set(false);
                      LOG.warnf("%s failed, tried again next time: %s", name, failure);
                    }));
  }

  @Override
  public void close() {
    vertx.cancelTimer(timer);
  }
}
