package io.tasvie.common.problem;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/** Tells failures of a backing service (the database is down) from faults in our own code. */
public final class Unavailability {

  private Unavailability() {}

  public static boolean isDatabaseUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof ClosedChannelException
          || t instanceof TimeoutException
          || t instanceof io.vertx.sqlclient.ClosedConnectionException
          || t instanceof io.netty.channel.ConnectTimeoutException) {
        return true;
      }
      String message = String.valueOf(t.getMessage());
      if (message.contains("Connection refused") || message.contains("Timeout")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
