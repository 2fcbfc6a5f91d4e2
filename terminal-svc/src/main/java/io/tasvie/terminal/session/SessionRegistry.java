package io.tasvie.terminal.session;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The sessions this node holds, one per terminal ID. A message for a terminal goes to the session
 * held here; with several replicas, a message for a terminal held elsewhere has to be routed to its
 * node (see the README, "Scaling").
 */
@ApplicationScoped
public class SessionRegistry {

  private static final Logger LOG = Logger.getLogger(SessionRegistry.class);

  private final ConcurrentHashMap<String, TerminalSession> sessions = new ConcurrentHashMap<>();

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
   * Sends a server-initiated message to the terminal's open session.
   *
   * @return whether the terminal has a session on this node
   */
  public boolean send(String terminalId, String json) {
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

  public void close(String terminalId, CloseCause cause) {
    TerminalSession session = sessions.get(terminalId);
    if (session != null) {
      session.close(cause);
    }
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
