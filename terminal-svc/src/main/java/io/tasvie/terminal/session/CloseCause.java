package io.tasvie.terminal.session;

/** Why a terminal session ended, as recorded and as sent in the WebSocket close frame. */
public enum CloseCause {
  /** The terminal closed the session. */
  NORMAL(1000),
  /** The connection broke without a close frame. */
  CONNECTION_LOST(1006),
  /** No pong or message within the heartbeat timeout. */
  HEARTBEAT_TIMEOUT(4408),
  /** An admin revoked the terminal. */
  REVOKED(4403),
  /** The terminal was moved to another device or operator. */
  REBOUND(4409),
  /** A newer session of the same terminal opened. */
  REPLACED(4000),
  /** The service is shutting down; reconnect. */
  SHUTDOWN(1001);

  private final int code;

  CloseCause(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The reason text of the close frame: {@code replaced}, {@code heartbeat-timeout}, ... */
  public String reason() {
    return name().toLowerCase().replace('_', '-');
  }
}
