import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens idle, authenticated terminal sessions and keeps them open: each with its own terminal
 * credential (RS256, signed with the local key as terminal-svc signs them), spread over several
 * loopback addresses so that one source port range does not cap the count. The JDK client answers
 * the server's pings, so the sessions stay alive. Prints "open N failed F" once all are tried, then
 * holds them until stdin closes.
 *
 * <p>java SessionLoad.java PORT COUNT FIRST_NUMBER MERCHANT_ID PRIVATE_KEY_PEM RATE_PER_S
 */
public class SessionLoad {

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    int first = Integer.parseInt(args[2]);
    String merchantId = args[3];
    PrivateKey key = privateKey(Path.of(args[4]));
    int rate = Integer.parseInt(args[5]);

    HttpClient client = HttpClient.newHttpClient();
    AtomicInteger open = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Semaphore inFlight = new Semaphore(200);
    List<WebSocket> sockets = new ArrayList<>(count);
    List<CompletableFuture<?>> attempts = new ArrayList<>(count);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + (long) (i * 1e9 / rate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      String terminalId = String.format("TM%06d", first + i);
      // 127.0.0.1 .. 127.0.0.4: four times the source ports of one address pair.
      URI uri = URI.create("ws://127.0.0." + (1 + i % 4) + ":" + port + "/v1/terminal/session");
      inFlight.acquire();
      CompletableFuture<WebSocket> attempt =
          client
              .newWebSocketBuilder()
              .header("Authorization", "Bearer " + token(key, terminalId, merchantId))
              .buildAsync(uri, new Idle())
              .whenComplete(
                  (socket, failure) -> {
                    inFlight.release();
                    if (failure == null) {
                      open.incrementAndGet();
                      synchronized (sockets) {
                        sockets.add(socket);
                      }
                    } else if (failed.incrementAndGet() <= 3) {
                      System.err.println("session " + terminalId + " failed: " + failure);
                    }
                  });
      attempts.add(attempt);
    }
    CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    System.out.printf("open %d failed %d in %.1f s%n", open.get(), failed.get(), (System.nanoTime() - start) / 1e9);
    System.out.flush();
    while (System.in.read() >= 0) {
      // hold the sessions until the caller closes stdin
    }
    System.out.println("idle sessions still open: " + sockets.stream().filter(s -> !s.isInputClosed()).count());
  }

  /** Reads frames (the welcome) and nothing else; pings are answered by the JDK. */
  static final class Idle implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      socket.request(1);
      return null;
    }
  }

  static String token(PrivateKey key, String terminalId, String merchantId) throws Exception {
    long now = Instant.now().getEpochSecond();
    String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
    String claims =
        b64(
            ("{\"iss\":\"tasvie\",\"sub\":\"%s\",\"upn\":\"%s\",\"groups\":[\"terminal\"],"
                    + "\"merchant_id\":\"%s\",\"terminal_id\":\"%s\",\"cv\":1,\"iat\":%d,\"exp\":%d}")
                .formatted(terminalId, terminalId, merchantId, terminalId, now, now + 3600));
    Signature signature = Signature.getInstance("SHA256withRSA");
    signature.initSign(key);
    signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
  }

  static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  static PrivateKey privateKey(Path pem) throws Exception {
    String base64 =
        Files.readString(pem)
            .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
