package io.tasvie.terminal.message;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The first answer to each client message id of a terminal, written in the transaction of the
 * change it reports, so that a request resent with the same id is answered from here and never done
 * twice (never a second charge).
 */
@ApplicationScoped
public class MessageLog {

  private final Frames frames;

  public MessageLog(Frames frames) {
    this.frames = frames;
  }

  /** The stored answer frame, or null when the message id is new for this terminal. */
  public Uni<String> answered(UUID terminalRef, String messageId) {
    return Panache.withSession(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery(
                                "select answer from terminal_message"
                                    + " where terminal_id = ?1 and message_id = ?2",
                                String.class)
                            .setParameter(1, terminalRef)
                            .setParameter(2, messageId)
                            .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0)));
  }

  /**
   * Records the answer to {@code messageId} (none for REST calls, whose id is null) in the caller's
   * transaction; a concurrent duplicate of the same id fails on the primary key.
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
                            + " created_at) values (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, terminalRef)
                    .setParameter(2, messageId)
                    .setParameter(3, type)
                    .setParameter(4, frames.answer(type, messageId, payload))
                    .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC))
                    .executeUpdate())
        .replaceWithVoid();
  }
}
