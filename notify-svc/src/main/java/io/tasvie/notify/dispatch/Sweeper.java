package io.tasvie.notify.dispatch;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.schedule.PeriodicJob;
import io.tasvie.notify.config.NotifyConfig;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Settles what the dispatcher could not: submits of unknown outcome (resolved by the delivery
 * receipts that arrive for them; FAILED, not resent, when none comes), e-mails of unknown outcome
 * (sent again under the same Message-ID, which mail systems de-duplicate), SMS whose receipt never
 * came (EXPIRED), concatenated SMS whose SMSC reports once per message (DELIVERED by that one
 * receipt), and receipts that never matched a message. Rows are locked while handled, so several
 * instances sweep safely.
 */
@ApplicationScoped
public class Sweeper {

  private final Pool pool;
  private final DispatchStore store;
  private final NotifyConfig config;
  private final Vertx vertx;
  private PeriodicJob job;

  /** A stale SENDING SMS and how many of its parts have no known provider id. */
  private record Unresolved(
      UUID id, String recipient, OffsetDateTime sendingSince, int missingParts) {}

  public Sweeper(Pool pool, DispatchStore store, NotifyConfig config, Vertx vertx) {
    this.pool = pool;
    this.store = store;
    this.config = config;
    this.vertx = vertx;
  }

  void start(@Observes StartupEvent event) {
    job = PeriodicJob.start(vertx, config.dispatch().sweepInterval(), "message sweep", this::sweep);
  }

  void stop(@Observes ShutdownEvent event) {
    if (job != null) {
      job.close();
    }
  }

  public Uni<Void> sweep() {
    return store
        .matchStragglers()
        .chain(() -> pool.withTransaction(this::resolveUnknownSms))
        .chain(() -> store.deliverByOneReceipt(config.partReceiptWindow()))
        .chain(
            () ->
                pool.preparedQuery(
                        "update message set status = 'FAILED', failed_at = now(), last_error ="
                            + " 'submit outcome unknown and no delivery receipt came within "
                            + config.unknownWindow()
                            + ": not resent, so that it is never sent twice (resend it if it"
                            + " did not arrive)' where status = 'SENDING' and channel = 'SMS'"
                            + " and sending_since < now() - $1 * interval '1 millisecond'")
                    .execute(Tuple.of(config.unknownWindow().toMillis())))
        .chain(
            () ->
                pool.preparedQuery(
                        "update message set status = 'QUEUED', next_attempt_at = now(),"
                            + " last_error = 'send outcome unknown: sent again with the same"
                            + " Message-ID' where status = 'SENDING' and channel = 'EMAIL'"
                            + " and sending_since < now() - $1 * interval '1 millisecond'")
                    .execute(Tuple.of(config.unknownAfter().toMillis())))
        .chain(
            () ->
                pool.preparedQuery(
                        "update message set status = 'EXPIRED', failed_at = now(), last_error ="
                            + " 'no delivery receipt within the validity period'"
                            + " where status = 'SUBMITTED' and channel = 'SMS'"
                            + " and expires_at < now()")
                    .execute())
        .chain(
            () ->
                pool.query(
                        "delete from delivery_receipt where message_id is null"
                            + " and received_at < now() - interval '1 day'")
                    .execute())
        .replaceWithVoid();
  }

  /**
   * Pairs each stale SENDING SMS with unmatched receipts from its recipient that arrived after it
   * was claimed, oldest first, one receipt per missing part.
   */
  private Uni<Void> resolveUnknownSms(SqlConnection connection) {
    return connection
        .preparedQuery(
            "select m.id, m.recipient, m.sending_since,"
                + " m.segments - (select count(*) from message_part p where p.message_id = m.id)"
                + " as missing from message m where m.status = 'SENDING' and m.channel = 'SMS'"
                + " and m.sending_since < now() - $1 * interval '1 millisecond'"
                + " order by m.sending_since limit 500 for update skip locked")
        .execute(Tuple.of(config.unknownAfter().toMillis()))
        .chain(
            rows -> {
              List<Unresolved> stale = new ArrayList<>();
              for (Row row : rows) {
                stale.add(
                    new Unresolved(
                        row.getUUID("id"),
                        row.getString("recipient"),
                        row.getOffsetDateTime("sending_since"),
                        row.getInteger("missing")));
              }
              if (stale.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              return connection
                  .preparedQuery(
                      "select provider_id, recipient, received_at from delivery_receipt"
                          + " where message_id is null and recipient = any($1)"
                          + " order by received_at for update skip locked")
                  .execute(
                      Tuple.of(
                          stale.stream().map(u -> digits(u.recipient())).toArray(String[]::new)))
                  .chain(receipts -> bind(connection, stale, receipts));
            });
  }

  private Uni<Void> bind(SqlConnection connection, List<Unresolved> stale, Iterable<Row> receipts) {
    Set<String> taken = new HashSet<>();
    Map<UUID, List<String>> bound = new HashMap<>();
    for (Unresolved message : stale) {
      List<String> parts = new ArrayList<>();
      for (Row receipt : receipts) {
        String id = receipt.getString("provider_id");
        if (parts.size() < message.missingParts()
            && digits(message.recipient()).equals(receipt.getString("recipient"))
            && !receipt.getOffsetDateTime("received_at").isBefore(message.sendingSince())
            && !taken.contains(id)) {
          taken.add(id);
          parts.add(id);
        }
      }
      if (!parts.isEmpty()) {
        bound.put(message.id(), parts);
      }
    }
    Uni<Void> done = Uni.createFrom().voidItem();
    for (Map.Entry<UUID, List<String>> entry : bound.entrySet()) {
      done = done.chain(() -> store.bindParts(connection, entry.getKey(), entry.getValue()));
    }
    return done;
  }

  /** The recipient as SMSCs write it in receipts: E.164 without the plus. */
  static String digits(String e164) {
    return e164.startsWith("+") ? e164.substring(1) : e164;
  }
}
