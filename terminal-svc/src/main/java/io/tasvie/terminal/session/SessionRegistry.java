package io.tasvie.terminal.session;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The sessions this node holds, one per terminal ID. A message for a terminal held by another
 * replica goes there through {@link SessionBus}.
 */
@ApplicationScoped
public class SessionRegistry {

  private static final Logger LOG = Logger.getLogger(SessionRegistry.class);

  private final ConcurrentHashMap<String, TerminalSession> sessions = new ConcurrentHashMap<>();
  private final SessionBus bus;

  public SessionRegistry(SessionBus bus) {
    this.bus = bus;
  }

  /**
   * Makes {@code session} the terminal's session; an older one is closed as {@link
   * CloseCause#REPLACED}.
   */
  public void register(TerminalSession session) {
    TerminalSession older = sessions.put(session.terminalId(), session);
    if (older != null && older != session) {
      older.close(CloseCause.REPLACED);
    }
  }

  /** Forgets {@code session} unless a newer one of the same terminal has taken its place. */
  public void unregister(TerminalSession session) {
    sessions.remove(session.terminalId(), session);
  }

  /**
   * Sends a server-initiated message to the terminal's open session, on this node or, through
   * {@link SessionBus}, on the replica that holds it.
   */
  public void send(String terminalId, String json) {
    if (!sendLocal(terminalId, json)) {
      bus.publish(new SessionBus.Delivery(terminalId, json, null));
    }
  }

  /** Closes the terminal's session for {@code cause}, wherever it is held. */
  public void close(String terminalId, CloseCause cause) {
    if (!closeLocal(terminalId, cause)) {
      bus.publish(new SessionBus.Delivery(terminalId, null, cause));
    }
  }

  /**
   * @return whether this node holds the terminal's session
   */
  boolean sendLocal(String terminalId, String json) {
    TerminalSession session = sessions.get(terminalId);
    if (session == null) {
      return false;
    }
    session
        .connection()
        .sendText(json)
        .subscribe()
        .with(
            done -> {},
            failure -> LOG.debugf("message to %s not sent: %s", terminalId, failure.getMessage()));
    return true;
  }

  boolean closeLocal(String terminalId, CloseCause cause) {
    TerminalSession session = sessions.get(terminalId);
    if (session == null) {
      return false;
    }
    session.close(cause);
    return true;
  }

  /** The terminal's session on this node, or null. */
  public TerminalSession get(String terminalId) {
    return sessions.get(terminalId);
  }

  public Collection<TerminalSession> all() {
    return sessions.values();
  }

  public int size() {
    return sessions.size();
  }
}
