package io.tasvie.terminal.session;

import io.smallrye.mutiny.Uni;
import io.tasvie.terminal.terminal.Terminal;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Whether a terminal is online and when it was last heard from, on this node or any other. */
@ApplicationScoped
public class Presence {

  private final SessionRegistry registry;
  private final SessionLog log;
  private final TerminalConfig config;

  public Presence(SessionRegistry registry, SessionLog log, TerminalConfig config) {
    this.registry = registry;
    this.log = log;
    this.config = config;
  }

  public record State(boolean online, Instant lastSeenAt) {}

  public Uni<State> of(Terminal terminal) {
    if (terminal.getTerminalId() == null) {
      return Uni.createFrom().item(new State(false, null));
    }
    TerminalSession local = registry.get(terminal.getTerminalId());
    if (local != null) {
      return Uni.createFrom().item(new State(true, Instant.ofEpochMilli(local.lastSeenMillis())));
    }
    return log.online(terminal.getId(), config.heartbeatTimeout())
        .map(online -> new State(online, terminal.getLastSeenAt()));
  }
}
