package io.tasvie.gateway.auth.lockout;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The failure counters of credentials ({@code credential_lockout}) and of source addresses ({@code
 * auth_source_failure}). The {@code lock…} methods row-lock a counter (creating it at zero), so
 * must run in a transaction.
 */
@ApplicationScoped
public class LockoutRepository {

  /**
   * A counter as stored: failures in a row and the last one's time, till when it is locked (sources
   * are never locked), and attempts admitted but not settled yet, since when. Times are null when
   * unset.
   */
  public record Counter(
      int failures, Instant lastFailureAt, Instant lockedUntil, int pending, Instant pendingSince) {
    static final Counter NONE = new Counter(0, null, null, 0, null);
  }

  private static final String COLUMNS =
      "failures, " + millis("last_failure_at") + ", %s, pending, " + millis("pending_since");

  public Uni<Counter> lockCredential(String clientId) {
    return lock(
        "insert into credential_lockout (client_id, failures) values (?1, 0)"
            + " on conflict (client_id) do nothing",
        "select "
            + COLUMNS.formatted(millis("locked_until"))
            + " from credential_lockout where client_id = ?1 for update",
        clientId);
  }

  public Uni<Counter> lockSource(String source) {
    return lock(
        "insert into auth_source_failure (source, failures) values (?1, 0)"
            + " on conflict (source) do nothing",
        "select "
            + COLUMNS.formatted("null")
            + " from auth_source_failure where source = ?1 for update",
        source);
  }

  public Uni<Counter> findCredential(String clientId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select "
                            + COLUMNS.formatted(millis("locked_until"))
                            + " from credential_lockout where client_id = ?1",
                        Object[].class)
                    .setParameter(1, clientId)
                    .getResultList())
        .map(rows -> rows.isEmpty() ? Counter.NONE : counter(rows.get(0)));
  }

  public Uni<Void> saveCredential(String clientId, Counter counter) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "update credential_lockout set failures = ?2, last_failure_at = ?3,"
                            + " locked_until = ?4, pending = ?5, pending_since = ?6"
                            + " where client_id = ?1")
                    .setParameter(1, clientId)
                    .setParameter(2, counter.failures())
                    .setParameter(3, time(counter.lastFailureAt()))
                    .setParameter(4, time(counter.lockedUntil()))
                    .setParameter(5, counter.pending())
                    .setParameter(6, time(counter.pendingSince()))
                    .executeUpdate())
        .replaceWithVoid();
  }

  public Uni<Void> saveSource(String source, Counter counter) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "update auth_source_failure set failures = ?2, last_failure_at = ?3,"
                            + " pending = ?4, pending_since = ?5 where source = ?1")
                    .setParameter(1, source)
                    .setParameter(2, counter.failures())
                    .setParameter(3, time(counter.lastFailureAt()))
                    .setParameter(4, counter.pending())
                    .setParameter(5, time(counter.pendingSince()))
                    .executeUpdate())
        .replaceWithVoid();
  }

  /** Forgets a credential's failures and lock; true if there was anything to forget. */
  public Uni<Boolean> deleteCredential(String clientId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "delete from credential_lockout where client_id = ?1"
                            + " and (failures > 0 or locked_until is not null)")
                    .setParameter(1, clientId)
                    .executeUpdate())
        .map(deleted -> deleted > 0);
  }

  private static Uni<Counter> lock(String create, String select, String key) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(create)
                    .setParameter(1, key)
                    .executeUpdate()
                    .chain(
                        () ->
                            session
                                .createNativeQuery(select, Object[].class)
                                .setParameter(1, key)
                                .getSingleResult()))
        .map(LockoutRepository::counter);
  }

  private static String millis(String column) {
    return "cast(extract(epoch from " + column + ") * 1000 as bigint)";
  }

  private static Counter counter(Object[] row) {
    return new Counter(
        ((Number) row[0]).intValue(),
        instant(row[1]),
        instant(row[2]),
        ((Number) row[3]).intValue(),
        instant(row[4]));
  }

  private static Instant instant(Object millis) {
    return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
  }

  private static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
