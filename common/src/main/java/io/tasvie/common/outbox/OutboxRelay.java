package io.tasvie.common.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka and deletes them once the broker has acknowledged them.
 *
 * <p>Nothing inside a writing transaction wakes the relay (a NOTIFY there would take PostgreSQL's
 * cluster-wide notify lock at every commit and serialise them). Instead {@link Outbox} calls {@link
 * #expect()} when it writes rows: this relay then looks every {@code busy-poll-interval} until
 * {@code linger} has passed since the last write, and one coalesced NOTIFY, sent outside any
 * business transaction, wakes the relays of other replicas the same way. A slow poll covers
 * everything else (a lost LISTEN connection, rows of a replica that died).
 *
 * <p>One relay drains at a time, across replicas (a transaction-scoped advisory lock), so rows
 * reach Kafka in the order they were written; a crash between the broker's acknowledgement and the
 * delete publishes a row again, which the consumers' inbox absorbs.
 */
@ApplicationScoped
public class OutboxRelay {

  static final String CHANNEL = "outbox_event";

  /** The advisory lock a draining relay holds; any number, the same in every replica. */
  private static final long DRAIN_LOCK = 0x7a5f1e_0b0cL;

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private final Pool pool;
  private final Vertx vertx;
  private final MutinyEmitter<String> emitter;
  private final OutboxConfig config;
  private final URI source;
  private final PgConnectOptions listenOptions;
  private final Counter published;
  private final AtomicBoolean draining = new AtomicBoolean();
  private volatile boolean pending;
  private volatile boolean stopped;
  private final AtomicBoolean looking = new AtomicBoolean();
  private final AtomicBoolean announcing = new AtomicBoolean();
  private volatile long lookUntil;
  private PgSubscriber subscriber;
  private long pollTimer = -1;

  public OutboxRelay(
      Pool pool,
      Vertx vertx,
      @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
          MutinyEmitter<String> emitter,
      OutboxConfig config,
      MeterRegistry registry,
      @ConfigProperty(name = "quarkus.application.name") String application,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") String username,
      @ConfigProperty(name = "quarkus.datasource.password") String password) {
    this.pool = pool;
    this.vertx = vertx;
    this.emitter = emitter;
    this.config = config;
    this.source = URI.create("tasvie/" + application);
    this.listenOptions = PgConnectOptions.fromUri(url).setUser(username).setPassword(password);
    this.published = registry.counter("tasvie.outbox.published");
  }

  void start(@Observes StartupEvent event) {
    if (!config.relayEnabled()) {
      return;
    }
    subscriber = PgSubscriber.subscriber(vertx, listenOptions).reconnectPolicy(retries -> 1000L);
    // Called on every (re)subscription: anything committed while we were not listening is drained.
    subscriber.channel(CHANNEL).subscribeHandler(this::wake).handler(payload -> lookAWhile());
    listen();
    pollTimer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
  }

  void stop(@Observes ShutdownEvent event) {
    stopped = true;
    if (pollTimer >= 0) {
      vertx.cancelTimer(pollTimer);
    }
    if (subscriber != null) {
      subscriber.closeAndForget();
    }
  }

  private void listen() {
    subscriber
        .connect()
        .subscribe()
        .with(
            ok -> LOG.debug("listening for outbox notifications"),
            failure -> {
              LOG.debugf("outbox LISTEN failed (%s); retrying", failure.toString());
              if (!stopped) {
                vertx.setTimer(1000, id -> listen());
              }
            });
  }

  /**
   * Rows were just written, perhaps not yet committed: look for them for a while, and tell the
   * other replicas' relays. Cheap and safe to call from any thread.
   */
  public void expect() {
    if (stopped) {
      return;
    }
    if (config.relayEnabled()) {
      lookAWhile();
    }
    announce();
  }

  /** Drains every busy-poll interval until {@code linger} has passed since the last call. */
  private void lookAWhile() {
    lookUntil = System.nanoTime() + config.linger().toNanos();
    if (looking.compareAndSet(false, true)) {
      vertx.setPeriodic(config.busyPollInterval().toMillis(), this::look);
    }
  }

  private void look(long timer) {
    wake();
    if (System.nanoTime() - lookUntil < 0 && !stopped) {
      return;
    }
    vertx.cancelTimer(timer);
    looking.set(false);
    if (System.nanoTime() - lookUntil < 0 && !stopped) {
      lookAWhile(); // a write came in while this timer was stopping
    }
  }

  /** At most one NOTIFY per busy-poll interval, in a statement of its own. */
  private void announce() {
    if (!announcing.compareAndSet(false, true)) {
      return;
    }
    vertx.setTimer(
        config.busyPollInterval().toMillis(),
        timer ->
            pool.query("notify " + CHANNEL)
                .execute()
                .subscribe()
                .with(
                    ok -> announcing.set(false),
                    failure -> {
                      announcing.set(false);
                      LOG.debugf("outbox NOTIFY failed: %s", failure.toString());
                    }));
  }

  /** Asks the relay to drain the outbox now; cheap and safe to call from any thread. */
  public void wake() {
    if (stopped) {
      return;
    }
    // Set before the attempt: a drain that is ending reads it after it has let go of `draining`,
    // so a wake-up that loses the race below is never lost.
    pending = true;
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    pending = false;
    relayBatch()
        .subscribe()
        .with(
            count -> drained(count == config.batchSize()),
            failure -> {
              LOG.warnf("outbox relay failed, will retry: %s", failure.toString());
              draining.set(false); // the next notification or poll tries again
            });
  }

  private void drained(boolean batchWasFull) {
    draining.set(false);
    if (batchWasFull || pending) {
      wake();
    }
  }

  /**
   * Publishes one batch in one transaction; answers how many rows it published (none while another
   * replica's relay drains). The rows are read in a statement after the lock is taken, so they are
   * never ones the previous holder has just deleted.
   */
  Uni<Integer> relayBatch() {
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery("select pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(DRAIN_LOCK))
                .chain(
                    locked ->
                        locked.iterator().next().getBoolean(0)
                            ? publishOldest(connection)
                            : Uni.createFrom().item(0)));
  }

  private Uni<Integer> publishOldest(SqlConnection connection) {
    return connection
        .preparedQuery(
            "select id, topic, event_key, event_type, payload::text, occurred_at"
                + " from outbox_event order by seq limit $1")
        .execute(Tuple.of(config.batchSize()))
        .chain(
            rows -> {
              List<Uni<Void>> sends = new ArrayList<>();
              List<UUID> ids = new ArrayList<>();
              for (Row row : rows) {
                ids.add(row.getUUID("id"));
                sends.add(emitter.sendMessage(toMessage(row)));
              }
              if (ids.isEmpty()) {
                return Uni.createFrom().item(0);
              }
              return Uni.join().all(sends).andFailFast().chain(() -> delete(connection, ids));
            });
  }

  private Uni<Integer> delete(SqlConnection connection, List<UUID> ids) {
    return connection
        .preparedQuery("delete from outbox_event where id = any($1)")
        .execute(Tuple.of(ids.toArray(UUID[]::new)))
        .map(
            deleted -> {
              published.increment(ids.size());
              return ids.size();
            });
  }

  private Message<String> toMessage(Row row) {
    String key = row.getString("event_key");
    return Message.of(row.getString("payload"))
        .addMetadata(
            OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.getString("topic"))
                .withKey(key)
                .build())
        .addMetadata(
            OutgoingCloudEventMetadata.builder()
                .withId(row.getUUID("id").toString())
                .withType(row.getString("event_type"))
                .withSource(source)
                .withSubject(key)
                .withTimestamp(
                    row.getOffsetDateTime("occurred_at")
                        .withOffsetSameInstant(ZoneOffset.UTC)
                        .toZonedDateTime())
                .withDataContentType("application/json")
                .build());
  }
}
