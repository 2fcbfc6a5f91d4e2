package io.tasvie.terminal.session;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.schedule.PeriodicJob;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;

/**
 * Every third of the heartbeat timeout: closes sessions silent for longer than the timeout (the
 * server pings every {@code quarkus.websockets-next.server.auto-ping-interval}; a live terminal
 * answers with a pong), writes which terminals were seen, and closes records of sessions whose node
 * died.
 */
@ApplicationScoped
public class HeartbeatSweep {

  private final Vertx vertx;
  private final SessionRegistry registry;
  private final SessionLog log;
  private final TerminalConfig config;
  private PeriodicJob job;

  public HeartbeatSweep(
      Vertx vertx, SessionRegistry registry, SessionLog log, TerminalConfig config) {
    this.vertx = vertx;
    this.registry = registry;
    this.log = log;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    job =
        PeriodicJob.start(
            vertx,
            config.heartbeatTimeout().dividedBy(3),
            "Heartbeat of terminal sessions",
            this::sweep);
  }

  Uni<Void> sweep() {
    long silentSince = System.currentTimeMillis() - config.heartbeatTimeout().toMillis();
    List<TerminalSession> alive = new ArrayList<>();
    for (TerminalSession session : registry.all()) {
      if (session.lastSeenMillis() < silentSince) {
        session.close(CloseCause.HEARTBEAT_TIMEOUT);
      } else {
        alive.add(session);
      }
    }
    return log.seen(alive)
        .chain(() -> log.closeAbandoned(config.heartbeatTimeout().multipliedBy(2)))
        .replaceWithVoid();
  }

  void stop(@Observes ShutdownEvent event) {
    job.close();
    registry.all().forEach(session -> session.close(CloseCause.SHUTDOWN));
  }
}
