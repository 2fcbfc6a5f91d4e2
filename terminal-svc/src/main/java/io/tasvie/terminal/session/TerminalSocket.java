package io.tasvie.terminal.session;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.InboundProcessingMode;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.tasvie.terminal.message.Frames;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code /v1/terminal/session}: one session per terminal. Requests are handled concurrently (a
 * terminal may ask {@code last-transaction} while its purchase is at the acquirer); answers carry
 * the request's id.
 */
@WebSocket(path = "/v1/terminal/session", inboundProcessingMode = InboundProcessingMode.CONCURRENT)
public class TerminalSocket {

  private static final Logger LOG = Logger.getLogger(TerminalSocket.class);
  private static final TypedKey<TerminalSession> SESSION =
      new TypedKey<>("tasvie.terminal.session");

  private final SessionRegistry registry;
  private final SessionLog log;
  private final SessionProtocol protocol;
  private final Frames frames;
  private final TerminalConfig config;

  public TerminalSocket(
      SessionRegistry registry,
      SessionLog log,
      SessionProtocol protocol,
      Frames frames,
      TerminalConfig config) {
    this.registry = registry;
    this.log = log;
    this.protocol = protocol;
    this.frames = frames;
    this.config = config;
  }

  @OnOpen
  public Uni<String> open(WebSocketConnection connection) {
    SessionIdentity identity = connection.userData().get(SessionIdentity.KEY);
    connection.userData().remove(SessionIdentity.KEY);
    TerminalSession session =
        new TerminalSession(
            identity.terminalRef(),
            identity.terminalId(),
            identity.merchantId(),
            identity.kind(),
            connection);
    connection.userData().put(SESSION, session);
    registry.register(session);
    Map<String, Object> welcome = new LinkedHashMap<>();
    welcome.put("sessionId", session.id());
    welcome.put("terminalId", session.terminalId());
    welcome.put("kind", session.kind());
    welcome.put("heartbeatTimeoutSeconds", config.heartbeatTimeout().toSeconds());
    welcome.put("maxFrameBytes", config.maxFrameBytes());
    return log.opened(session, connection.handshakeRequest().remoteAddress())
        .replaceWith(frames.push("welcome", welcome));
  }

  @OnTextMessage
  public Uni<String> message(WebSocketConnection connection, String text) {
    return protocol.handle(connection.userData().get(SESSION), text);
  }

  /** Frames are JSON text; a binary frame is answered as unreadable, in a text frame. */
  @OnBinaryMessage
  public Uni<Void> binary(WebSocketConnection connection, Buffer data) {
    TerminalSession session = connection.userData().get(SESSION);
    if (session != null) {
      session.seen();
    }
    return connection.sendText(
        frames.error(
            null,
            "INVALID_JSON",
            "Frames are JSON text frames; a binary frame is not read",
            Map.of()));
  }

  @OnPongMessage
  public void pong(WebSocketConnection connection, Buffer data) {
    TerminalSession session = connection.userData().get(SESSION);
    if (session != null) {
      session.seen();
    }
  }

  @OnClose
  public Uni<Void> close(WebSocketConnection connection, CloseReason reason) {
    TerminalSession session = connection.userData().get(SESSION);
    if (session == null) {
      return Uni.createFrom().voidItem();
    }
    registry.unregister(session);
    CloseCause cause = session.closeCause();
    if (cause == null) {
      int code = reason == null ? 1006 : reason.getCode();
      cause = code == 1000 || code == 1001 ? CloseCause.NORMAL : CloseCause.CONNECTION_LOST;
    }
    CloseCause recorded = cause;
    return log.closed(session, recorded)
        .onFailure()
        .recoverWithItem(
            failure -> {
              LOG.warnf("close of session %s not recorded: %s", session.id(), failure.toString());
              return null;
            });
  }
}
