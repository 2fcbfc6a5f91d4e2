package io.tasvie.terminal.session;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.tasvie.terminal.terminal.TerminalKind;
import java.util.UUID;

/**
 * One open session: who the terminal is and when it was last heard from. Kept small (a handful of
 * fields beside the connection) because one node holds tens of thousands of them.
 */
public final class TerminalSession {

  private final UUID id;
  private final UUID terminalRef;
  private final String terminalId;
  private final UUID merchantId;
  private final TerminalKind kind;
  private final WebSocketConnection connection;
  private volatile long lastSeenMillis;
  private volatile CloseCause closeCause;

  public TerminalSession(
      UUID terminalRef,
      String terminalId,
      UUID merchantId,
      TerminalKind kind,
      WebSocketConnection connection) {
    this.id = UUID.randomUUID();
    this.terminalRef = terminalRef;
    this.terminalId = terminalId;
    this.merchantId = merchantId;
    this.kind = kind;
    this.connection = connection;
    this.lastSeenMillis = System.currentTimeMillis();
  }

  public void seen() {
    lastSeenMillis = System.currentTimeMillis();
  }

  /** Closes the session for {@code cause}; the close handler records that cause. */
  public void close(CloseCause cause) {
    closeCause = cause;
    connection
        .close(new CloseReason(cause.code(), cause.reason()))
        .subscribe()
        .with(done -> {}, failure -> {});
  }

  /** The cause this side closed for, or null when the terminal (or the network) ended it. */
  public CloseCause closeCause() {
    return closeCause;
  }

  public UUID id() {
    return id;
  }

  public UUID terminalRef() {
    return terminalRef;
  }

  public String terminalId() {
    return terminalId;
  }

  public UUID merchantId() {
    return merchantId;
  }

  public TerminalKind kind() {
    return kind;
  }

  public WebSocketConnection connection() {
    return connection;
  }

  public long lastSeenMillis() {
    return lastSeenMillis;
  }
}
