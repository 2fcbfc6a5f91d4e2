package io.tasvie.notify.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tasvie.notify.config.NotifyConfig;
import io.tasvie.notify.message.Message.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Sends what is queued, channel by channel, in rounds: claim a batch (committed), hand each message
 * to its channel's {@link Sender}, record every outcome (committed). A few rounds per channel run
 * at once so that one round's database work overlaps another's sending. Nothing lives only in
 * memory: a restart finds QUEUED rows queued and SENDING rows for the sweep to resolve.
 */
@ApplicationScoped
public class Dispatcher {

  private static final Logger LOG = Logger.getLogger(Dispatcher.class);
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

  private final DispatchStore store;
  private final NotifyConfig config;
  private final Map<Channel, Sender> senders = new EnumMap<>(Channel.class);
  private final Map<Channel, Semaphore> wakeUps = new EnumMap<>(Channel.class);
  private final List<Thread> loops = new ArrayList<>();
  private final MeterRegistry registry;
  private volatile boolean running;

  public Dispatcher(
      DispatchStore store, NotifyConfig config, Instance<Sender> senders, MeterRegistry registry) {
    this.store = store;
    this.config = config;
    this.registry = registry;
    senders.forEach(sender -> this.senders.put(sender.channel(), sender));
    this.senders.keySet().forEach(channel -> wakeUps.put(channel, new Semaphore(0)));
  }

  void start(@Observes StartupEvent event) {
    running = true;
    senders.forEach(
        (channel, sender) -> {
          for (int i = 1; i <= config.dispatch().loops(); i++) {
            Thread loop = new Thread(() -> loop(channel, sender), "dispatch-" + channel + "-" + i);
            loop.setDaemon(true);
            loop.start();
            loops.add(loop);
          }
        });
  }

  void stop(@Observes ShutdownEvent event) throws InterruptedException {
    running = false;
    wakeUps.values().forEach(w -> w.release(loops.size()));
    for (Thread loop : loops) {
      loop.join(5_000);
    }
  }

  /** Something was queued: look now rather than at the next idle poll. Cheap, any thread. */
  public void wake(Channel channel) {
    Semaphore wakeUp = wakeUps.get(channel);
    if (wakeUp != null && wakeUp.availablePermits() < config.dispatch().loops()) {
      wakeUp.release();
    }
  }

  private void loop(Channel channel, Sender sender) {
    Semaphore wakeUp = wakeUps.get(channel);
    while (running) {
      try {
        int claimed = sender.ready() ? round(channel, sender) : 0;
        if (claimed == 0) {
          wakeUp.tryAcquire(config.dispatch().idlePoll().toMillis(), TimeUnit.MILLISECONDS);
        } else if (claimed == config.dispatch().claimSize()) {
          wake(channel); // a full round: more is likely queued (a consumer wakes once per batch)
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warnf("dispatching %s failed, trying again: %s", channel, e.toString());
        sleep(Duration.ofSeconds(1));
      }
    }
  }

  /** One round; answers how many messages it claimed. */
  int round(Channel channel, Sender sender) {
    List<Outgoing> claimed =
        store.claim(channel, config.dispatch().claimSize()).await().atMost(STEP_TIMEOUT);
    if (claimed.isEmpty()) {
      return 0;
    }
    Map<Outgoing, CompletableFuture<Outcome>> sends = new LinkedHashMap<>();
    claimed.forEach(message -> sends.put(message, sender.send(message).toCompletableFuture()));
    Map<Outgoing, Outcome> outcomes = new LinkedHashMap<>();
    sends.forEach((message, outcome) -> outcomes.put(message, outcome.join()));
    store.record(outcomes).await().atMost(STEP_TIMEOUT);
    outcomes.values().stream()
        .collect(Collectors.groupingBy(o -> o.getClass().getSimpleName(), Collectors.counting()))
        .forEach(
            (outcome, count) ->
                registry
                    .counter("tasvie.notify.sent", "channel", channel.name(), "outcome", outcome)
                    .increment(count));
    return claimed.size();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
