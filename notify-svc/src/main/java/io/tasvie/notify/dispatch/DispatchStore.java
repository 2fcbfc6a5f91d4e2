package io.tasvie.notify.dispatch;

import io.smallrye.mutiny.Uni;
import io.tasvie.notify.config.NotifyConfig;
import io.tasvie.notify.message.Message.Channel;
import io.tasvie.notify.message.Message.Status;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The dispatcher's statements, set-based so that thousands of messages a second cost a few
 * statements per round. A claim is committed before the first submit and the outcome after the last
 * ("recorded before and after"): what lies between is the only place an outcome can become unknown.
 */
@ApplicationScoped
public class DispatchStore {

  /** A delivery receipt as the SMSC sent it. */
  public record Receipt(String providerId, String state, String error, String recipient) {}

  /** Receipt states that end a message badly; DELIVRD ends it well, the rest are interim. */
  static final String FAILED_STATES = "('UNDELIV', 'REJECTD', 'DELETED', 'UNKNOWN')";

  private static final String MATCH =
      "update delivery_receipt r set message_id = (select p.message_id from message_part p"
          + "   where p.provider_id = r.provider_id order by p.recorded_at desc limit 1)"
          + " where r.message_id is null"
          + " and exists (select from message_part p where p.provider_id = r.provider_id)";

  /**
   * A message's state from all its receipts: any failure fails it, all parts delivered deliver. An
   * error of earlier attempts no longer holds once the message is delivered: it is cleared.
   */
  private static final String APPLY =
      "update message m set status = s.status,"
          + " delivered_at = case when s.status = 'DELIVERED' then s.done_at else m.delivered_at"
          + " end,"
          + " failed_at = case when s.status <> 'DELIVERED' then s.done_at else m.failed_at end,"
          + " last_error = case when s.status = 'DELIVERED' then null"
          + "   else coalesce(s.error, m.last_error) end"
          + " from (select r.message_id,"
          + "   case when bool_or(r.state in "
          + FAILED_STATES
          + ") then 'FAILED'"
          + "        when bool_or(r.state = 'EXPIRED') then 'EXPIRED'"
          + "        when count(distinct r.provider_id) filter (where r.state = 'DELIVRD')"
          + "             >= min(mm.segments) then 'DELIVERED' end as status,"
          + "   max(r.received_at) as done_at,"
          + "   string_agg(case when r.state not in ('DELIVRD', 'ACCEPTD', 'ENROUTE')"
          + "     then 'delivery receipt ' || r.state || coalesce(' (err ' || r.error || ')', '')"
          + "     end, '; ') as error"
          + "   from delivery_receipt r join message mm on mm.id = r.message_id"
          + "   where r.message_id = any($1) group by r.message_id) s"
          + " where m.id = s.message_id and s.status is not null"
          + " and m.status in ('SUBMITTED', 'SENDING')";

  /** A part's own outcome at submit; its delivery receipt, if one comes, tells the rest. */
  static final String PART_SUBMITTED = "SUBMITTED";

  static final String PART_REFUSED = "REFUSED";
  static final String PART_NOT_SENT = "NOT_SENT";

  private final Pool pool;
  private final NotifyConfig config;

  public DispatchStore(Pool pool, NotifyConfig config) {
    this.pool = pool;
    this.config = config;
  }

  /** Marks up to {@code limit} due messages SENDING (one more attempt) and answers them. */
  public Uni<List<Outgoing>> claim(Channel channel, int limit) {
    return pool.preparedQuery(
            "update message m set status = 'SENDING', attempts = m.attempts + 1,"
                + " sending_since = now()"
                + " from (select id from message where status = 'QUEUED' and channel = $1"
                + "   and next_attempt_at <= now() order by next_attempt_at limit $2"
                + "   for update skip locked) due"
                + " where m.id = due.id"
                + " returning m.id, m.recipient, m.sender, m.subject, m.body, m.attempts")
        .execute(Tuple.of(channel.name(), limit))
        .map(
            rows -> {
              List<Outgoing> claimed = new ArrayList<>();
              for (Row row : rows) {
                claimed.add(
                    new Outgoing(
                        row.getUUID("id"),
                        channel,
                        row.getString("recipient"),
                        row.getString("sender"),
                        row.getString("subject"),
                        row.getString("body"),
                        row.getInteger("attempts")));
              }
              return claimed;
            });
  }

  /** Records a round's outcomes in one transaction. */
  public Uni<Void> record(Map<Outgoing, Outcome> outcomes) {
    List<UUID> submitted = new ArrayList<>();
    List<String> firstIds = new ArrayList<>();
    Parts parts = new Parts();
    List<UUID> others = new ArrayList<>();
    List<String> otherProviderIds = new ArrayList<>();
    List<String> statuses = new ArrayList<>();
    List<OffsetDateTime> nextAttempts = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<Integer> uncounted = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    outcomes.forEach(
        (message, outcome) -> {
          List<String> ids =
              outcome instanceof Outcome.Submitted s
                  ? s.providerIds()
                  : outcome instanceof Outcome.Unknown u
                      ? u.providerIds()
                      : outcome instanceof Outcome.PartlySent p ? p.providerIds() : List.of();
          if (message.channel() == Channel.SMS) {
            for (int part = 0; part < ids.size(); part++) {
              parts.add(message.id(), part + 1, ids.get(part), PART_SUBMITTED, null);
            }
          }
          if (outcome instanceof Outcome.Submitted) {
            submitted.add(message.id());
            firstIds.add(ids.get(0));
            return;
          }
          others.add(message.id());
          // a partly sent message is known by its first part; an unknown one waits for the sweep
          otherProviderIds.add(outcome instanceof Outcome.PartlySent ? ids.get(0) : null);
          if (outcome instanceof Outcome.Retry r) {
            boolean last = !r.throttled() && message.attempts() >= config.maxAttempts();
            statuses.add(last ? Status.DEAD_LETTERED.name() : Status.QUEUED.name());
            nextAttempts.add(now.plus(r.throttled() ? Duration.ZERO : backoff(message)));
            errors.add(
                last
                    ? r.error() + "; gave up after " + message.attempts() + " attempts"
                    : r.error());
            uncounted.add(r.throttled() ? 1 : 0);
          } else if (outcome instanceof Outcome.Failed f) {
            statuses.add(Status.FAILED.name());
            nextAttempts.add(now);
            errors.add(f.error());
            uncounted.add(0);
          } else if (outcome instanceof Outcome.PartlySent p) {
            int refused = ids.size() + 1;
            parts.add(message.id(), refused, null, PART_REFUSED, p.error());
            for (int part = refused + 1; part <= p.parts(); part++) {
              parts.add(message.id(), part, null, PART_NOT_SENT, null);
            }
            statuses.add(Status.PARTLY_SENT.name());
            nextAttempts.add(now);
            errors.add(p.error());
            uncounted.add(0);
          } else if (outcome instanceof Outcome.Unknown u) {
            statuses.add(Status.SENDING.name()); // the sweep resolves it
            nextAttempts.add(now);
            errors.add("outcome unknown: " + u.error());
            uncounted.add(0);
          }
        });
    return pool.withTransaction(
        connection ->
            markSubmitted(connection, submitted, firstIds)
                .chain(
                    () ->
                        markOthers(
                            connection,
                            others,
                            otherProviderIds,
                            statuses,
                            nextAttempts,
                            errors,
                            uncounted))
                .chain(() -> insertParts(connection, parts))
                .chain(() -> matchAndApply(connection, parts.providerIds())));
  }

  /** Saves delivery receipts (a receipt sent twice counts once) and applies what they tell. */
  public Uni<Void> saveReceipts(List<Receipt> receipts) {
    List<String> ids = receipts.stream().map(Receipt::providerId).toList();
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery(
                    "insert into delivery_receipt (provider_id, state, error, recipient)"
                        + " select * from unnest($1::text[], $2::text[], $3::text[], $4::text[])"
                        + " on conflict do nothing")
                .execute(
                    Tuple.of(
                        ids.toArray(String[]::new),
                        receipts.stream().map(Receipt::state).toArray(String[]::new),
                        receipts.stream().map(Receipt::error).toArray(String[]::new),
                        receipts.stream().map(Receipt::recipient).toArray(String[]::new)))
                .chain(() -> matchAndApply(connection, ids)));
  }

  /**
   * Binds the parts of a message whose submit outcome was unknown to receipts that arrived for it,
   * and applies them. Runs in the caller's transaction.
   */
  Uni<Void> bindParts(SqlConnection connection, UUID message, List<String> providerIds) {
    return connection
        .preparedQuery(
            "update message set status = 'SUBMITTED', submitted_at = now(),"
                + " provider_id = coalesce(provider_id, $2), last_error = 'submit outcome was"
                + " unknown; resolved by the delivery receipt' where id = $1")
        .execute(Tuple.of(message, providerIds.get(0)))
        .chain(
            () ->
                connection
                    .preparedQuery(
                        "insert into message_part (provider_id, message_id, part)"
                            + " select id, $2, (select count(*) from message_part where"
                            + " message_id = $2) + n from unnest($1::text[]) with ordinality as"
                            + " u(id, n) on conflict (message_id, part) do nothing")
                    .execute(Tuple.of(providerIds.toArray(String[]::new), message)))
        .chain(() -> matchAndApply(connection, providerIds));
  }

  private Uni<Void> markSubmitted(SqlConnection connection, List<UUID> ids, List<String> first) {
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return connection
        .preparedQuery(
            "update message m set status = 'SUBMITTED', submitted_at = now(),"
                + " provider_id = u.provider_id,"
                + " body = case when m.kind = 'ACTIVATION_CODE' then '' else m.body end"
                + " from unnest($1::uuid[], $2::text[]) as u(id, provider_id)"
                + " where m.id = u.id and m.status = 'SENDING'")
        .execute(Tuple.of(ids.toArray(UUID[]::new), first.toArray(String[]::new)))
        .replaceWithVoid();
  }

  private Uni<Void> markOthers(
      SqlConnection connection,
      List<UUID> ids,
      List<String> providerIds,
      List<String> statuses,
      List<OffsetDateTime> nextAttempts,
      List<String> errors,
      List<Integer> uncounted) {
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return connection
        .preparedQuery(
            "update message m set status = u.status, next_attempt_at = u.next_at,"
                + " last_error = u.error, attempts = m.attempts - u.uncounted,"
                + " provider_id = coalesce(u.provider_id, m.provider_id),"
                + " submitted_at = case when u.provider_id is not null then now()"
                + " else m.submitted_at end,"
                + " failed_at = case when u.status in ('FAILED', 'DEAD_LETTERED', 'PARTLY_SENT')"
                + " then now() else m.failed_at end"
                + " from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[],"
                + " $5::int[], $6::text[]) as u(id, status, next_at, error, uncounted, provider_id)"
                + " where m.id = u.id and m.status = 'SENDING'")
        .execute(
            Tuple.of(
                ids.toArray(UUID[]::new),
                statuses.toArray(String[]::new),
                nextAttempts.toArray(OffsetDateTime[]::new),
                errors.toArray(String[]::new),
                uncounted.toArray(Integer[]::new),
                providerIds.toArray(String[]::new)))
        .replaceWithVoid();
  }

  private Uni<Void> insertParts(SqlConnection connection, Parts parts) {
    if (parts.messages.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return connection
        .preparedQuery(
            "insert into message_part (provider_id, message_id, part, status, error)"
                + " select * from unnest($1::text[], $2::uuid[], $3::int[], $4::text[], $5::text[])"
                + " on conflict (message_id, part) do nothing")
        .execute(
            Tuple.of(
                parts.providerIds.toArray(String[]::new),
                parts.messages.toArray(UUID[]::new),
                parts.numbers.toArray(Integer[]::new),
                parts.statuses.toArray(String[]::new),
                parts.errors.toArray(String[]::new)))
        .replaceWithVoid();
  }

  /** Part rows of one round, as columns for one multi-row insert. */
  private static final class Parts {
    final List<String> providerIds = new ArrayList<>();
    final List<UUID> messages = new ArrayList<>();
    final List<Integer> numbers = new ArrayList<>();
    final List<String> statuses = new ArrayList<>();
    final List<String> errors = new ArrayList<>();

    void add(UUID message, int number, String providerId, String status, String error) {
      messages.add(message);
      numbers.add(number);
      providerIds.add(providerId);
      statuses.add(status);
      errors.add(error);
    }

    /** The provider ids of the parts the SMSC took. */
    List<String> providerIds() {
      return providerIds.stream().filter(Objects::nonNull).toList();
    }
  }

  /**
   * Some SMSCs send one delivery receipt per concatenated message (for its first or its last part
   * only). A SUBMITTED message none of whose receipts failed is DELIVERED once one of its parts has
   * been DELIVRD for {@code window} without the other parts' receipts: had a part failed, its
   * receipt would have come within that time, as receipts for the parts of one message do.
   */
  public Uni<Void> deliverByOneReceipt(Duration window) {
    return pool.preparedQuery(
            "update message m set status = 'DELIVERED', delivered_at = s.delivered_at,"
                + " last_error = null"
                + " from (select r.message_id, max(r.received_at) as delivered_at"
                + "   from delivery_receipt r join message mm on mm.id = r.message_id"
                + "   where mm.status = 'SUBMITTED' and mm.channel = 'SMS' and mm.segments > 1"
                + "   and r.state = 'DELIVRD' group by r.message_id"
                + "   having min(r.received_at) < now() - $1 * interval '1 millisecond') s"
                + " where m.id = s.message_id and m.status = 'SUBMITTED'")
        .execute(Tuple.of(window.toMillis()))
        .replaceWithVoid();
  }

  /** Links receipts with these provider ids to their messages and derives those messages' state. */
  private Uni<Void> matchAndApply(SqlConnection connection, List<String> providerIds) {
    if (providerIds.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return connection
        .preparedQuery(MATCH + " and r.provider_id = any($1) returning r.message_id")
        .execute(Tuple.of(providerIds.toArray(String[]::new)))
        .chain(rows -> apply(connection, rows));
  }

  /**
   * Matches receipts that no part matched when they arrived: a receipt and its submit's record
   * committed at the same moment do not see each other, so the sweep looks again.
   */
  public Uni<Void> matchStragglers() {
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery(MATCH + " returning r.message_id")
                .execute()
                .chain(rows -> apply(connection, rows)));
  }

  /** Derives the state of the messages that {@code matched} (rows of message ids) now has. */
  private Uni<Void> apply(SqlConnection connection, RowSet<Row> matched) {
    List<UUID> messages = new ArrayList<>();
    matched.forEach(row -> messages.add(row.getUUID("message_id")));
    if (messages.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return connection
        .preparedQuery(APPLY)
        .execute(Tuple.of(messages.stream().distinct().toArray(UUID[]::new)))
        .replaceWithVoid();
  }

  private Duration backoff(Outgoing message) {
    Duration wait = config.retryInitial().multipliedBy(1L << Math.min(20, message.attempts() - 1));
    return wait.compareTo(config.retryMax()) > 0 ? config.retryMax() : wait;
  }
}
