package io.tasvie.terminal.session;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Sessions in the database: when each opened and closed and why, and when each terminal was last
 * heard from. Pongs are not written one by one: {@link #seen} writes a node's live sessions in one
 * statement per heartbeat round.
 */
@ApplicationScoped
public class SessionLog {

  private final Pool pool;

  public SessionLog(Pool pool) {
    this.pool = pool;
  }

  public Uni<Void> opened(TerminalSession session, String remoteAddress) {
    OffsetDateTime now = now();
    return pool.withTransaction(
        client ->
            client
                .preparedQuery(
                    "insert into terminal_session (id, terminal_id, remote_address, connected_at)"
                        + " values ($1, $2, $3, $4)")
                .execute(Tuple.of(session.id(), session.terminalRef(), remoteAddress, now))
                .chain(
                    () ->
                        client
                            .preparedQuery("update terminal set last_seen_at = $1 where id = $2")
                            .execute(Tuple.of(now, session.terminalRef())))
                .replaceWithVoid());
  }

  public Uni<Void> closed(TerminalSession session, CloseCause cause) {
    OffsetDateTime now = now();
    return pool.withTransaction(
        client ->
            client
                .preparedQuery(
                    "update terminal_session set disconnected_at = $1, close_reason = $2"
                        + " where id = $3")
                .execute(Tuple.of(now, cause.name(), session.id()))
                .chain(
                    () ->
                        client
                            .preparedQuery("update terminal set last_seen_at = $1 where id = $2")
                            .execute(
                                Tuple.of(
                                    OffsetDateTime.ofInstant(
                                        Instant.ofEpochMilli(session.lastSeenMillis()),
                                        ZoneOffset.UTC),
                                    session.terminalRef())))
                .replaceWithVoid());
  }

  /** Marks the terminals of these sessions as seen now. */
  public Uni<Void> seen(Collection<TerminalSession> sessions) {
    if (sessions.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    UUID[] refs = sessions.stream().map(TerminalSession::terminalRef).toArray(UUID[]::new);
    return pool.preparedQuery("update terminal set last_seen_at = $1 where id = any($2)")
        .execute(Tuple.of(now(), refs))
        .replaceWithVoid();
  }

  /**
   * Closes the records of sessions whose node died (no one has seen their terminal for {@code
   * silence}); live sessions on any node keep their terminal's {@code last_seen_at} fresh.
   */
  public Uni<Integer> closeAbandoned(Duration silence) {
    return pool.preparedQuery(
            "update terminal_session s set disconnected_at = t.last_seen_at, close_reason ="
                + " 'CONNECTION_LOST' from terminal t where s.terminal_id = t.id"
                + " and s.disconnected_at is null and t.last_seen_at < $1")
        .execute(Tuple.of(now().minus(silence)))
        .map(rows -> rows.rowCount());
  }

  /**
   * Which of these terminals have a session on some node: an open record, heard from within {@code
   * silence}.
   */
  public Uni<Set<UUID>> onlineAmong(Collection<UUID> terminalRefs, Duration silence) {
    if (terminalRefs.isEmpty()) {
      return Uni.createFrom().item(Set.of());
    }
    return pool.preparedQuery(
            "select distinct s.terminal_id from terminal_session s join terminal t on t.id ="
                + " s.terminal_id where s.terminal_id = any($1) and s.disconnected_at is null"
                + " and t.last_seen_at >= $2")
        .execute(Tuple.of(terminalRefs.toArray(UUID[]::new), now().minus(silence)))
        .map(
            rows -> {
              Set<UUID> online = new HashSet<>();
              rows.forEach(row -> online.add(row.getUUID(0)));
              return online;
            });
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
