package io.tasvie.notify.sms;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * At most {@code perSecond} submits a second per sender (source address), as operators license
 * sender ids: each sender's submits are spaced evenly, with a burst of up to a tenth of a second's
 * worth. 0 disables the limit.
 */
final class SenderRateLimit {

  private final long intervalNanos;
  private final long burstNanos;
  private final Map<String, long[]> nextFree = new ConcurrentHashMap<>();

  SenderRateLimit(int perSecond) {
    this.intervalNanos = perSecond <= 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond;
    this.burstNanos = TimeUnit.MILLISECONDS.toNanos(100);
  }

  /** Waits until {@code sender} may submit once more. */
  void acquire(String sender) throws InterruptedException {
    if (intervalNanos == 0) {
      return;
    }
    long[] slot = nextFree.computeIfAbsent(sender, s -> new long[] {System.nanoTime()});
    long wait;
    synchronized (slot) {
      long now = System.nanoTime();
      long start = Math.max(slot[0], now - burstNanos);
      slot[0] = start + intervalNanos;
      wait = start - now;
    }
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
