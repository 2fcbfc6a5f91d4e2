package io.tasvie.common.problem;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Tells failures worth retrying (the database is down, a transaction lost a race) from faults that
 * no retry mends.
 */
public final class Unavailability {

  private Unavailability() {}

  /** The database is down or a transaction was rolled back by a conflict: a retry may succeed. */
  public static boolean isTransient(Throwable failure) {
    return anyCause(failure, t -> isConnectionFailure(t) || isRetryableSqlState(t));
  }

  public static boolean isDatabaseUnavailable(Throwable failure) {
    return anyCause(failure, Unavailability::isConnectionFailure);
  }

  /** A unique constraint said no (SQLSTATE 23505): another transaction got there first. */
  public static boolean isUniqueViolation(Throwable failure) {
    return uniqueViolation(failure) != null;
  }

  /** The name of the unique constraint a failure violated, or null. */
  public static String uniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())) {
        return pg.getConstraint() == null ? "" : pg.getConstraint();
      }
      // Through Hibernate Reactive the driver's error arrives as a JDBC-style SQLException.
      if (t instanceof org.hibernate.exception.ConstraintViolationException violation
          && "23505".equals(violation.getSQLState())) {
        return violation.getConstraintName() == null ? "" : violation.getConstraintName();
      }
    }
    return null;
  }

  private static boolean isConnectionFailure(Throwable t) {
    return t instanceof ConnectException
        || t instanceof ClosedChannelException
        || t instanceof TimeoutException
        || t instanceof io.vertx.sqlclient.ClosedConnectionException
        || t instanceof io.netty.channel.ConnectTimeoutException
        || String.valueOf(t.getMessage()).contains("Connection refused");
  }

  /**
   * SQLSTATE class 40 (serialization failure, deadlock), 53 (insufficient resources), 57P
   * (shutdown).
   */
  private static boolean isRetryableSqlState(Throwable t) {
    if (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null) {
      String state = pg.getSqlState();
      return state.startsWith("40") || state.startsWith("53") || state.startsWith("57P");
    }
    return false;
  }

  private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (test.test(t)) {
        return true;
      }
    }
    return false;
  }
}
