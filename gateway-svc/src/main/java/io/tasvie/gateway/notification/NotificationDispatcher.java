package io.tasvie.gateway.notification;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.schedule.PeriodicJob;
import io.tasvie.gateway.settings.Environment;
import io.tasvie.gateway.settings.service.NotifyUrls;
import io.tasvie.gateway.signing.Canonical;
import io.tasvie.gateway.signing.PlatformKeys;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * Delivers queued notifications: claims due ones (a lease, {@code FOR UPDATE SKIP LOCKED}, so N
 * replicas share them and a crash mid-send only delays a retry), POSTs each signed with the
 * platform key, and records the attempt. A 2xx answer delivers it; anything else is retried after
 * the next wait of the schedule, and after the last the notification is FAILED, visible and
 * redeliverable.
 */
@ApplicationScoped
public class NotificationDispatcher {

  private static final int MAX_ERROR = 500;

  private final io.vertx.core.Vertx coreVertx;
  private final Pool pool;
  private final PlatformKeys keys;
  private final NotifyUrls notifyUrls;
  private final NotificationConfig config;
  private final HttpClient http;
  private PeriodicJob job;

  public NotificationDispatcher(
      io.vertx.core.Vertx coreVertx,
      Vertx vertx,
      Pool pool,
      PlatformKeys keys,
      NotifyUrls notifyUrls,
      NotificationConfig config) {
    this.coreVertx = coreVertx;
    this.pool = pool;
    this.keys = keys;
    this.notifyUrls = notifyUrls;
    this.config = config;
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setVerifyHost(true)
                .setKeepAlive(false));
  }

  void start(@Observes StartupEvent event) {
    job =
        PeriodicJob.start(
            coreVertx,
            config.pollInterval(),
            "notification dispatch",
            () -> PeriodicJob.drain(config.batch(), this::dispatch));
  }

  void stop(@Observes ShutdownEvent event) {
    job.close();
  }

  private record Claimed(
      UUID id, String type, String url, String payload, int attempt, int step, Environment env) {}

  private record Outcome(Integer status, String error, long millis) {
    boolean delivered() {
      return status != null && status >= 200 && status < 300;
    }
  }

  /** One batch: claim, send all at once, record each; answers how many were claimed. */
  Uni<Integer> dispatch() {
    return claim()
        .chain(
            claimed ->
                Multi.createFrom()
                    .iterable(claimed)
                    .onItem()
                    .transformToUniAndMerge(n -> send(n).chain(outcome -> record(n, outcome)))
                    .collect()
                    .asList()
                    .replaceWith(claimed.size()));
  }

  private Uni<List<Claimed>> claim() {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return pool.withTransaction(
            connection ->
                connection
                    .preparedQuery(
                        "update merchant_notification n set attempts = n.attempts + 1,"
                            + " last_attempt_at = $1, next_attempt_at = $2"
                            + " from merchant_settings s where s.merchant_id = n.merchant_id"
                            + " and n.id in (select id from merchant_notification"
                            + " where status = 'PENDING' and next_attempt_at <= $1"
                            + " order by next_attempt_at limit $3 for update skip locked)"
                            + " returning n.id, n.event_type, n.url, n.payload, n.attempts,"
                            + " n.retry_step, s.environment")
                    .execute(Tuple.of(now, now.plus(config.lease()), config.batch())))
        .map(
            rows ->
                StreamSupport.stream(rows.spliterator(), false)
                    .map(NotificationDispatcher::claimed)
                    .toList());
  }

  private static Claimed claimed(Row row) {
    return new Claimed(
        row.getUUID("id"),
        row.getString("event_type"),
        row.getString("url"),
        row.getString("payload"),
        row.getInteger("attempts"),
        row.getInteger("retry_step"),
        Environment.valueOf(row.getString("environment")));
  }

  private Uni<Outcome> send(Claimed notification) {
    long started = System.nanoTime();
    byte[] body = notification.payload().getBytes(StandardCharsets.UTF_8);
    URI uri = URI.create(notification.url());
    String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(notification.url())
            .setIdleTimeout(config.timeout().toMillis())
            .putHeader("Content-Type", "application/json")
            .putHeader("User-Agent", "Tasvie-Notifications/1")
            .putHeader("Tasvie-Notification-Id", notification.id().toString())
            .putHeader("Tasvie-Event-Type", notification.type())
            .putHeader(Canonical.KEY_INDEX_HEADER, keys.keyIndex())
            .putHeader(Canonical.SIGNATURE_HEADER, keys.sign(Canonical.of("POST", target, body)));
    // The address is checked again at each delivery: DNS may have changed since it was set.
    return notifyUrls
        .check(notification.url(), notification.env())
        .chain(() -> http.request(request))
        .chain(outgoing -> outgoing.send(Buffer.buffer(body)))
        .chain(response -> response.body().map(ignored -> response.statusCode()))
        .ifNoItem()
        .after(config.timeout().plusSeconds(1))
        .fail()
        .map(
            status ->
                new Outcome(status, status / 100 == 2 ? null : "HTTP " + status, since(started)))
        .onFailure()
        .recoverWithItem(failure -> new Outcome(null, describe(failure), since(started)));
  }

  private Uni<Void> record(Claimed notification, Outcome outcome) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    List<Duration> schedule = config.retrySchedule();
    String update;
    Tuple parameters;
    if (outcome.delivered()) {
      update =
          "update merchant_notification set status = 'DELIVERED', delivered_at = $2,"
              + " next_attempt_at = null, last_status = $3, last_error = null"
              + " where id = $1 and attempts = $4";
      parameters = Tuple.of(notification.id(), now, outcome.status(), notification.attempt());
    } else if (notification.step() < schedule.size()) {
      update =
          "update merchant_notification set next_attempt_at = $2, retry_step = retry_step + 1,"
              + " last_status = $3, last_error = $4 where id = $1 and attempts = $5";
      parameters =
          Tuple.of(
              notification.id(),
              now.plus(schedule.get(notification.step())),
              outcome.status(),
              outcome.error(),
              notification.attempt());
    } else {
      update =
          "update merchant_notification set status = 'FAILED', next_attempt_at = null,"
              + " last_status = $2, last_error = $3 where id = $1 and attempts = $4";
      parameters =
          Tuple.of(notification.id(), outcome.status(), outcome.error(), notification.attempt());
    }
    return pool.withTransaction(
            connection ->
                connection
                    .preparedQuery(update)
                    .execute(parameters)
                    .chain(
                        () ->
                            connection
                                .preparedQuery(
                                    "insert into merchant_notification_attempt (notification_id,"
                                        + " attempt, attempted_at, status_code, error, duration_ms)"
                                        + " values ($1, $2, $3, $4, $5, $6)"
                                        + " on conflict do nothing")
                                .execute(
                                    Tuple.from(
                                        java.util.Arrays.asList(
                                            notification.id(),
                                            notification.attempt(),
                                            now,
                                            outcome.status(),
                                            outcome.error(),
                                            (int) outcome.millis())))))
        .replaceWithVoid();
  }

  private static long since(long started) {
    return Duration.ofNanos(System.nanoTime() - started).toMillis();
  }

  private static String describe(Throwable failure) {
    String text =
        failure.getMessage() == null
            ? failure.getClass().getSimpleName()
            : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    return text.length() > MAX_ERROR ? text.substring(0, MAX_ERROR) : text;
  }
}
