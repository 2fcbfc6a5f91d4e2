package io.tasvie.smsc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.jsmpp.util.DeliveryReceiptState;

/**
 * Runs the {@link LocalSmsc} as a process, with an HTTP control port on loopback:
 *
 * <pre>
 *   GET  /messages                  whole messages received (concatenated parts put together)
 *   GET  /submits                   every submit_sm as received
 *   GET  /stats                     counts: submits, throttled, receipts acknowledged and waiting
 *   GET  /count?prefix=38349        submits to destinations starting so, and how many distinct
 *   POST /throttle?next=N           answer the next N submits ESME_RTHROTTLED
 *   POST /rate?perSecond=N          throttle submits above N a second (0: no limit)
 *   POST /fail?next=N&status=8      refuse the next N submits with that command_status
 *   POST /report?destination=D&state=UNDELIV   receipts for D in that state
 *   POST /late?next=N&ms=3000       answer the next N submits only after that long
 *   POST /silence?destination=D     deliver to D without a delivery receipt
 *   POST /refuse-part?destination=D&part=2&status=69   refuse that part of the next concatenated
 *                                   message to D with that command_status (the parts before go out)
 *   POST /receipt-parts?part=last[&destination=D]      one receipt per concatenated message, for
 *                                   its first or last part (part=every: one per part, the default)
 *   POST /drop                      close every SMPP session
 *   POST /reset                     forget submits and modes
 * </pre>
 *
 * Environment: SMSC_PORT (2775), SMSC_CONTROL_PORT (2776), SMSC_SYSTEM_ID (tasvie), SMSC_PASSWORD
 * (tasvie), SMSC_RECEIPT_DELAY_MS (50).
 */
public final class LocalSmscServer {

  private LocalSmscServer() {}

  public static void main(String[] args) throws Exception {
    LocalSmsc smsc =
        LocalSmsc.start(
            new LocalSmsc.Config(
                Integer.parseInt(env("SMSC_PORT", "2775")),
                env("SMSC_SYSTEM_ID", "tasvie"),
                env("SMSC_PASSWORD", "tasvie"),
                Duration.ofMillis(Long.parseLong(env("SMSC_RECEIPT_DELAY_MS", "50")))));
    int controlPort = Integer.parseInt(env("SMSC_CONTROL_PORT", "2776"));
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", controlPort), 0);
    ObjectMapper json =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    http.createContext(
        "/",
        exchange -> {
          try (exchange) {
            Map<String, String> query = query(exchange);
            Object answer =
                switch (exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()) {
                  case "GET /messages" -> smsc.messages();
                  case "GET /submits" -> smsc.submits();
                  case "GET /stats" -> smsc.stats();
                  case "GET /count" -> {
                    String prefix = query.getOrDefault("prefix", "");
                    List<String> to =
                        smsc.submits().stream()
                            .map(LocalSmsc.Submit::destination)
                            .filter(d -> d.startsWith(prefix))
                            .toList();
                    yield Map.of(
                        "submits", to.size(), "destinations", to.stream().distinct().count());
                  }
                  case "POST /throttle" -> {
                    smsc.throttleNext(Integer.parseInt(query.getOrDefault("next", "1")));
                    yield Map.of("ok", true);
                  }
                  case "POST /rate" -> {
                    smsc.limitRate(Integer.parseInt(query.getOrDefault("perSecond", "0")));
                    yield Map.of("ok", true);
                  }
                  case "POST /fail" -> {
                    smsc.failNext(
                        Integer.parseInt(query.getOrDefault("next", "1")),
                        Integer.parseInt(query.getOrDefault("status", "8")));
                    yield Map.of("ok", true);
                  }
                  case "POST /report" -> {
                    smsc.reportAs(
                        query.get("destination"),
                        DeliveryReceiptState.valueOf(query.getOrDefault("state", "DELIVRD")));
                    yield Map.of("ok", true);
                  }
                  case "POST /late" -> {
                    smsc.answerLate(
                        Integer.parseInt(query.getOrDefault("next", "1")),
                        Duration.ofMillis(Long.parseLong(query.getOrDefault("ms", "3000"))));
                    yield Map.of("ok", true);
                  }
                  case "POST /silence" -> {
                    smsc.noReceiptsFor(query.get("destination"));
                    yield Map.of("ok", true);
                  }
                  case "POST /refuse-part" -> {
                    smsc.refusePart(
                        required(query, "destination"),
                        Integer.parseInt(query.getOrDefault("part", "2")),
                        Integer.parseInt(query.getOrDefault("status", "69")));
                    yield Map.of("ok", true);
                  }
                  case "POST /receipt-parts" -> {
                    smsc.receiptParts(
                        query.get("destination"),
                        LocalSmsc.ReceiptParts.valueOf(
                            query.getOrDefault("part", "every").toUpperCase(Locale.ROOT)));
                    yield Map.of("ok", true);
                  }
                  case "POST /drop" -> {
                    smsc.dropSessions();
                    yield Map.of("ok", true);
                  }
                  case "POST /reset" -> {
                    smsc.reset();
                    yield Map.of("ok", true);
                  }
                  default -> null;
                };
            byte[] body =
                answer == null
                    ? "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8)
                    : json.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
          } catch (RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
          }
        });
    http.start();
    System.out.printf(
        "local SMSC: SMPP on :%d (system id %s), control on http://127.0.0.1:%d%n",
        smsc.port(), env("SMSC_SYSTEM_ID", "tasvie"), controlPort);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  http.stop(0);
                  smsc.close();
                }));
    new CountDownLatch(1).await();
  }

  private static Map<String, String> query(HttpExchange exchange) throws IOException {
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return query;
  }

  private static String required(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
