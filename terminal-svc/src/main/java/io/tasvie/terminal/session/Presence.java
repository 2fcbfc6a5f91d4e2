package io.tasvie.terminal.session;

import io.smallrye.mutiny.Uni;
import io.tasvie.terminal.terminal.Terminal;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

  /** The presence of each terminal of a list, by its request id. */
  public Uni<Map<UUID, State>> of(List<Terminal> terminals) {
    return log.onlineAmong(
            terminals.stream().map(Terminal::getId).toList(), config.heartbeatTimeout())
        .map(
            online -> {
              Map<UUID, State> states = new HashMap<>();
              for (Terminal terminal : terminals) {
                TerminalSession local =
                    terminal.getTerminalId() == null
                        ? null
                        : registry.get(terminal.getTerminalId());
                states.put(
                    terminal.getId(),
                    local != null
                        ? new State(true, Instant.ofEpochMilli(local.lastSeenMillis()))
                        : new State(online.contains(terminal.getId()), terminal.getLastSeenAt()));
              }
              return states;
            });
  }

  public Uni<State> of(Terminal terminal) {
    return of(List.of(terminal)).map(states -> states.get(terminal.getId()));
  }
}
