package io.tasvie.terminal.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Carries a message for a terminal to the replica that holds its session, whichever replica the
 * request landed on: PostgreSQL {@code NOTIFY} on {@value #CHANNEL}, which every replica {@code
 * LISTEN}s to and delivers only if it holds the terminal's session. Nothing is kept: a terminal
 * without a session anywhere gets nothing, as on one node, and finds the state it missed with
 * {@code last-transaction} when it reconnects.
 */
@ApplicationScoped
public class SessionBus {

  static final String CHANNEL = "terminal_sessions";

  /** PostgreSQL's NOTIFY payload limit is 8,000 bytes. */
  private static final int MAX_PAYLOAD = 7_900;

  private static final Logger LOG = Logger.getLogger(SessionBus.class);

  /** A frame to send to the terminal's session, or the cause to close it for. */
  record Delivery(String terminalId, String frame, CloseCause close) {}

  private final Pool pool;
  private final Vertx vertx;
  private final SessionRegistry registry;
  private final ObjectMapper mapper;
  private final PgConnectOptions listenOptions;
  private PgSubscriber subscriber;
  private volatile boolean stopped;

  public SessionBus(
      Pool pool,
      Vertx vertx,
      SessionRegistry registry,
      ObjectMapper mapper,
      @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") String username,
      @ConfigProperty(name = "quarkus.datasource.password") String password) {
    this.pool = pool;
    this.vertx = vertx;
    this.registry = registry;
    this.mapper = mapper;
    this.listenOptions = PgConnectOptions.fromUri(url).setUser(username).setPassword(password);
  }

  void start(@Observes StartupEvent event) {
    subscriber = PgSubscriber.subscriber(vertx, listenOptions).reconnectPolicy(retries -> 1000L);
    subscriber.channel(CHANNEL).handler(this::received);
    listen();
  }

  void stop(@Observes ShutdownEvent event) {
    stopped = true;
    if (subscriber != null) {
      subscriber.closeAndForget();
    }
  }

  /** Hands {@code delivery} to every replica; the one holding the session delivers it. */
  void publish(Delivery delivery) {
    String payload;
    try {
      payload = mapper.writeValueAsString(delivery);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("delivery cannot be serialised", e);
    }
    if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD) {
      LOG.warnf(
          "message for %s too large to route (%d bytes)", delivery.terminalId(), payload.length());
      return;
    }
    pool.preparedQuery("select pg_notify($1, $2)")
        .execute(Tuple.of(CHANNEL, payload))
        .subscribe()
        .with(
            done -> {},
            failure ->
                LOG.warnf(
                    "message for %s not routed: %s", delivery.terminalId(), failure.toString()));
  }

  private void received(String payload) {
    try {
      Delivery delivery = mapper.readValue(payload, Delivery.class);
      if (delivery.close() != null) {
        registry.closeLocal(delivery.terminalId(), delivery.close());
      } else {
        registry.sendLocal(delivery.terminalId(), delivery.frame());
      }
    } catch (JsonProcessingException e) {
      LOG.warnf("unreadable session delivery ignored: %s", e.getOriginalMessage());
    }
  }

  private void listen() {
    subscriber
        .connect()
        .subscribe()
        .with(
            ok -> LOG.debug("listening for session deliveries"),
            failure -> {
              LOG.debugf("session LISTEN failed (%s); retrying", failure.toString());
              if (!stopped) {
                vertx.setTimer(1000, id -> listen());
              }
            });
  }
}
