package io.tasvie.common.problem;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * Tells failures worth retrying (the database is down, a transaction lost a race) from faults that
 * no retry mends.
 */
public final class Unavailability {

  private Unavailability() {}

  /** The database is down or a transaction was rolled back by a conflict: a retry may succeed. */
  public static boolean isTransient(Throwable failure) {
    if (isDatabaseUnavailable(failure)) {
      return true;
    }
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof io.vertx.pgclient.PgException pg && pg.getSqlState() != null) {
        // class 40: serialization failure, deadlock; 53: insufficient resources; 57P: shutdown
        String state = pg.getSqlState();
        return state.startsWith("40") || state.startsWith("53") || state.startsWith("57P");
      }
    }
    return false;
  }

  public static boolean isDatabaseUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof ClosedChannelException
          || t instanceof TimeoutException
          || t instanceof io.vertx.sqlclient.ClosedConnectionException
          || t instanceof io.netty.channel.ConnectTimeoutException) {
        return true;
      }
      if (String.valueOf(t.getMessage()).contains("Connection refused")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
