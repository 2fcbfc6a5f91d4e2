package io.tasvie.terminal.message;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Each client message id of a terminal, claimed before any work is done for it and then holding its
 * first answer. The claim is one statement, so of two copies of a request arriving at once exactly
 * one does the work; the other is told it is in progress, or gets the stored answer. The answer is
 * written in the transaction of the change it reports, so a request resent later is answered from
 * here and never done twice (never a second charge).
 */
@ApplicationScoped
public class MessageLog {

  private final Frames frames;
  private final Pool pool;

  public MessageLog(Frames frames, Pool pool) {
    this.frames = frames;
    this.pool = pool;
  }

  /**
   * What claiming an id found: {@code token} when this request now holds it, else the stored {@code
   * answer}, or neither while another request holds it.
   */
  public record Claim(UUID token, String answer) {

    public boolean ours() {
      return token != null;
    }

    public boolean answered() {
      return answer != null;
    }
  }

  /**
   * Claims {@code messageId} for one request, in a statement of its own: a new id, or one claimed
   * longer than {@code staleAfter} ago and still unanswered (its holder died), becomes this
   * request's.
   */
  public Uni<Claim> claim(UUID terminalRef, String messageId, String type, Duration staleAfter) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    UUID token = UUID.randomUUID();
    return pool.preparedQuery(
            "insert into terminal_message (terminal_id, message_id, type, claim, claimed_at,"
                + " created_at) values ($1, $2, $3, $4, $5, $5)"
                + " on conflict (terminal_id, message_id) do update"
                + " set type = excluded.type, claim = excluded.claim,"
                + " claimed_at = excluded.claimed_at"
                + " where terminal_message.answer is null and terminal_message.claimed_at < $6"
                + " returning claim")
        .execute(Tuple.of(terminalRef, messageId, type, token, now).addValue(now.minus(staleAfter)))
        .chain(
            claimed ->
                claimed.size() > 0
                    ? Uni.createFrom().item(new Claim(token, null))
                    : answered(terminalRef, messageId).map(answer -> new Claim(null, answer)));
  }

  /** Gives up a claim that produced no answer (an error), so the id can be sent again. */
  public Uni<Void> release(UUID terminalRef, String messageId, UUID token) {
    return pool.preparedQuery(
            "delete from terminal_message where terminal_id = $1 and message_id = $2"
                + " and claim = $3 and answer is null")
        .execute(Tuple.of(terminalRef, messageId, token))
        .replaceWithVoid();
  }

  /**
   * Keeps {@code answer} for a claimed id whose work did not record one itself (e.g. an outcome the
   * sweep decided meanwhile), so that the id is never left claimed without an answer.
   */
  public Uni<Void> settle(UUID terminalRef, String messageId, UUID token, String answer) {
    return pool.preparedQuery(
            "update terminal_message set answer = $4 where terminal_id = $1 and message_id = $2"
                + " and claim = $3 and answer is null")
        .execute(Tuple.of(terminalRef, messageId, token, answer))
        .replaceWithVoid();
  }

  /** The stored answer frame, or null when the id has none (new, or still being processed). */
  public Uni<String> answered(UUID terminalRef, String messageId) {
    return pool.preparedQuery(
            "select answer from terminal_message where terminal_id = $1 and message_id = $2")
        .execute(Tuple.of(terminalRef, messageId))
        .map(
            rows -> {
              var found = rows.iterator();
              if (!found.hasNext()) {
                return null;
              }
              Row row = found.next();
              return row.getString("answer");
            });
  }

  /**
   * Records the answer to {@code messageId} (none for REST calls, whose id is null) in the caller's
   * transaction.
   *
   * @throws AlreadyAnswered when the id already has an answer, rolling the caller's change back
   */
  public Uni<Void> remember(UUID terminalRef, String messageId, String type, Object payload) {
    if (messageId == null) {
      return Uni.createFrom().voidItem();
    }
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into terminal_message (terminal_id, message_id, type, answer,"
                            + " created_at) values (?1, ?2, ?3, ?4, ?5)"
                            + " on conflict (terminal_id, message_id) do update"
                            + " set type = excluded.type, answer = excluded.answer"
                            + " where terminal_message.answer is null")
                    .setParameter(1, terminalRef)
                    .setParameter(2, messageId)
                    .setParameter(3, type)
                    .setParameter(4, frames.answer(type, messageId, payload))
                    .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
                    .executeUpdate())
        .invoke(
            updated -> {
              if (updated == 0) {
                throw new AlreadyAnswered();
              }
            })
        .replaceWithVoid();
  }

  /** The id was answered by another request meanwhile; its answer is the one that stands. */
  public static final class AlreadyAnswered extends RuntimeException {
    public AlreadyAnswered() {
      super("the message id was answered meanwhile", null, false, false);
    }
  }
}
