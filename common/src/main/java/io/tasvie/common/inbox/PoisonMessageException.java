package io.tasvie.common.inbox;

/** A message that no retry can make processable: it goes to the dead-letter topic at once. */
public class PoisonMessageException extends RuntimeException {

  public PoisonMessageException(String message) {
    super(message);
  }

  public PoisonMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
