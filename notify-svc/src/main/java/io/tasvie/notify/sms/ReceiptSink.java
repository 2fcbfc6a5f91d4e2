package io.tasvie.notify.sms;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tasvie.notify.dispatch.DispatchStore;
import io.tasvie.notify.dispatch.DispatchStore.Receipt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Commits delivery receipts before they are acknowledged to the SMSC, so that an acknowledged
 * receipt is never lost: the SMPP threads that received them wait while one writer commits them
 * together, a few hundred per statement.
 */
@ApplicationScoped
public class ReceiptSink {

  private static final Logger LOG = Logger.getLogger(ReceiptSink.class);
  private static final int BATCH = 500;

  private record Pending(Receipt receipt, CompletableFuture<Void> saved) {}

  private final DispatchStore store;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(20_000);
  private volatile boolean running;
  private Thread writer;

  public ReceiptSink(DispatchStore store) {
    this.store = store;
  }

  void start(@Observes StartupEvent event) {
    running = true;
    writer = new Thread(this::write, "delivery-receipts");
    writer.setDaemon(true);
    writer.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
  }

  /** Returns once the receipt is committed; throws when it could not be (the SMSC sends again). */
  void save(Receipt receipt, Duration timeout) throws Exception {
    Pending pending = new Pending(receipt, new CompletableFuture<>());
    if (!queue.offer(pending, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("receipt queue full");
    }
    pending.saved().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void write() {
    while (running) {
      List<Pending> batch = new ArrayList<>();
      try {
        Pending first = queue.poll(500, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, BATCH - 1);
        store
            .saveReceipts(batch.stream().map(Pending::receipt).toList())
            .await()
            .atMost(Duration.ofSeconds(10));
        batch.forEach(p -> p.saved().complete(null));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warnf("saving %d delivery receipts failed: %s", batch.size(), e.toString());
        batch.forEach(p -> p.saved().completeExceptionally(e));
      }
    }
  }
}
