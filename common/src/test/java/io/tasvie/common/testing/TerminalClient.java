package io.tasvie.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A terminal app's side of the terminal-svc session, as a developer would write it from the README:
 * open with the terminal credential, send requests with an id, wait for the frame with that id.
 */
public final class TerminalClient implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final CompletableFuture<String> closeReason = new CompletableFuture<>();
  private final JsonNode welcome;

  private TerminalClient(URI endpoint, String token) {
    Listener listener = new Listener();
    try {
      socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .header("Authorization", "Bearer " + token)
              .connectTimeout(WAIT)
              .buildAsync(endpoint, listener)
              .join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException handshake) {
        throw new Refused(
            handshake.getResponse().statusCode(),
            handshake.getResponse().headers().firstValue("X-Tasvie-Error").orElse(null));
      }
      throw e;
    }
    welcome = awaitType("welcome");
  }

  /** A session with the terminal-svc under test ({@code RestAssured.port}). */
  public static TerminalClient open(String token) {
    return open(URI.create("ws://localhost:" + RestAssured.port + "/v1/terminal/session"), token);
  }

  public static TerminalClient open(URI endpoint, String token) {
    return new TerminalClient(endpoint, token);
  }

  /** The upgrade was refused with this HTTP status and problem type. */
  public static final class Refused extends RuntimeException {
    public final int status;
    public final String type;

    Refused(int status, String type) {
      super("session refused: " + status + " " + type);
      this.status = status;
      this.type = type;
    }
  }

  public JsonNode welcome() {
    return welcome;
  }

  /** Sends a request and returns the answer (or error) frame with its id. */
  public JsonNode request(String type, Map<String, ?> fields) {
    String id = UUID.randomUUID().toString();
    return request(type, id, fields);
  }

  public JsonNode request(String type, String id, Map<String, ?> fields) {
    send(type, id, fields);
    return awaitId(id);
  }

  public void send(String type, String id, Map<String, ?> fields) {
    ObjectNode frame = MAPPER.valueToTree(fields);
    frame.put("type", type);
    frame.put("id", id);
    sendRaw(frame.toString());
  }

  public void sendRaw(String text) {
    socket.sendText(text, true).join();
  }

  public JsonNode awaitId(String id) {
    return await(frame -> id.equals(frame.path("id").asText(null)), "id " + id);
  }

  public JsonNode awaitType(String type) {
    return await(frame -> type.equals(frame.path("type").asText()), "type " + type);
  }

  /** The next frame, whatever it is. */
  public JsonNode next() {
    return await(frame -> true, "any frame");
  }

  private JsonNode await(Predicate<JsonNode> matches, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<JsonNode> skipped = new ArrayList<>();
    try {
      while (System.nanoTime() < deadline) {
        JsonNode frame = frames.poll(100, TimeUnit.MILLISECONDS);
        if (frame == null) {
          continue;
        }
        if (matches.test(frame)) {
          frames.addAll(skipped);
          return frame;
        }
        skipped.add(frame);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    frames.addAll(skipped);
    throw new AssertionError(
        "no frame with " + what + " within " + WAIT + "; other frames: " + skipped);
  }

  /** The close code the server sent, waiting for it. */
  public int awaitClose() {
    return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
  }

  public String closeReason() {
    return closeReason.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
  }

  /** Drops the connection without a close handshake, as a terminal losing its network does. */
  public void abort() {
    socket.abort();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS);
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          frames.add(MAPPER.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException("the server sent a frame that is not JSON: " + partial);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeReason.complete(reason);
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeReason.complete(String.valueOf(error));
      closed.complete(1006);
    }
  }
}
