package io.tasvie.terminal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tasvie.common.check.Text;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TerminalClient;
import io.tasvie.terminal.testing.Terminals;
import io.tasvie.terminal.testing.Terminals.Active;
import io.tasvie.terminal.testing.Terminals.Merchant;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Frames a hostile or broken client sends: text the platform refuses anywhere in the frame (NUL,
 * control characters, lone surrogates, in values and in field names, at any depth, in the id too),
 * and frames of the wrong shape. Each gets a clear error code, never INTERNAL_ERROR, changes
 * nothing, and no client text reaches a log line raw.
 */
@QuarkusTest
class HostileFramesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String CARD =
      "\"card\":{\"pan\":\"4006090000000007\",\"expiry\":\"12/30\",\"entryMode\":\"CHIP\"}";

  @Inject Database database;

  @Test
  void refusedTextIsAnsweredInvalidFieldNamingTheFieldAndChangesNothing() {
    Merchant merchant = Terminals.merchant("EUR");
    Active till = Terminals.till(merchant, "QR-" + UUID.randomUUID().toString().substring(0, 12));
    Active softPos = Terminals.softPos(merchant);
    List<String> logged = new ArrayList<>();
    Handler capture = capture(logged);
    try (TerminalClient tillSession = till.session();
        TerminalClient session = softPos.session()) {
      // The NUL in orderReference of the issue: refused, and the same id then works.
      JsonNode nul =
          raw(
              tillSession,
              "{\"type\":\"wallet-payment\",\"id\":\"w-1\",\"amount\":100,\"currency\":\"EUR\","
                  + "\"orderReference\":\"R-\\u0000-1\"}");
      assertRefused(nul, "orderReference", "w-1");
      assertEquals( // the README's example
          "orderReference contains the control character U+0000 at position 2",
          nul.path("message").asText());
      assertEquals(
          0,
          database.count(
              "select count(*) from wallet_payment where terminal_id = cast(? as uuid)",
              till.ref()));
      JsonNode clean =
          tillSession.request(
              "wallet-payment",
              "w-1",
              Map.of("amount", 100, "currency", "EUR", "orderReference", "R-1"));
      assertEquals("INITIATED", clean.path("status").asText(), clean.toString());

      Map<String, String> refused = new LinkedHashMap<>();
      // frame → the field named in the answer
      refused.put(
          "{\"type\":\"purchase\",\"id\":\"p-1\",\"amount\":100,\"currency\":\"EU\\ud800x\","
              + CARD
              + "}",
          "currency");
      refused.put(
          "{\"type\":\"purchase\",\"id\":\"p-2\",\"amount\":100,\"currency\":\"EUR\","
              + "\"card\":{\"pan\":\"4006\\u0001090000000007\",\"expiry\":\"12/30\","
              + "\"entryMode\":\"CHIP\"}}",
          "card.pan");
      refused.put(
          "{\"type\":\"ping\",\"id\":\"p-3\",\"list\":[1,\"ok\",{\"k\":\"\\u001b[31mred\"}]}",
          "list[2].k");
      refused.put("{\"type\":\"ping\",\"id\":\"p-4\",\"note\":\"\\udc00\"}", "note");
      refused.put("{\"type\":\"ping\",\"id\":\"p-5\",\"x\":\"\\u007f\"}", "x");
      refused.put("{\"type\":\"pur\\u0000chase\",\"id\":\"p-6\"}", "type");
      refused.put(
          "{\"type\":\"receipt-sms\",\"id\":\"p-7\",\"transactionId\":\""
              + UUID.randomUUID()
              + "\",\"phoneNumber\":\"383 44\\r\\u0085\\u0000\"}",
          "phoneNumber");
      for (Map.Entry<String, String> frame : refused.entrySet()) {
        JsonNode answer = raw(session, frame.getKey());
        String id = MAPPER.readTree(frame.getKey()).path("id").asText();
        assertRefused(answer, frame.getValue(), id);
      }

      // A refused field name: the answer names it with its refused characters escaped.
      JsonNode badName =
          raw(session, "{\"type\":\"ping\",\"id\":\"p-8\",\"card\":{\"p\\u0000an\":1}}");
      assertEquals("INVALID_FIELD", badName.path("code").asText(), badName.toString());
      assertEquals("p-8", badName.path("id").asText());
      assertTrue(Text.isClean(badName.path("field").asText()), badName.toString());
      assertTrue(badName.path("field").asText().startsWith("card."), badName.toString());

      // A refused id is not echoed: the answer's id is null.
      for (String id : new String[] {"a\\u0000b", "\\ud800x", "x\\udfff", "\\u001b[2J"}) {
        session.sendRaw(
            "{\"type\":\"purchase\",\"id\":\""
                + id
                + "\",\"amount\":100,\"currency\":\"EUR\","
                + CARD
                + "}");
        JsonNode answer = session.awaitType("error");
        assertEquals("INVALID_FIELD", answer.path("code").asText(), answer.toString());
        assertEquals("id", answer.path("field").asText(), answer.toString());
        assertTrue(answer.path("id").isNull(), answer.toString());
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      Logger.getLogger("").removeHandler(capture);
    }
    assertEquals(
        0,
        database.count(
            "select count(*) from card_transaction where terminal_id = cast(? as uuid)",
            softPos.ref()));
    assertEquals(
        0,
        database.count(
            "select count(*) from terminal_message where terminal_id = cast(? as uuid)",
            softPos.ref()));
    for (String line : logged) {
      assertTrue(
          Text.isClean(line) && line.indexOf('\n') < 0 && line.indexOf('\r') < 0,
          "a log line carries raw client text: " + Text.forLog(line));
    }
  }

  @Test
  void malformedFramesGetAClearErrorCodeNeverInternalError() {
    Active terminal = Terminals.softPos("EUR");
    String uuid = UUID.randomUUID().toString();
    String long300 = "x".repeat(300);
    Map<String, String> frames = new LinkedHashMap<>();
    // frame → the code it is answered
    frames.put("{not json", "INVALID_JSON");
    frames.put("[1,2,3]", "INVALID_JSON");
    frames.put("\"purchase\"", "INVALID_JSON");
    frames.put("null", "INVALID_JSON");
    frames.put("", "INVALID_JSON");
    frames.put("{\"type\":\"ping\",\"id\":\"d-1\",\"id\":\"d-2\"}", "INVALID_JSON");
    frames.put("[".repeat(5000) + "]".repeat(5000), "INVALID_JSON");
    frames.put("{}", "MISSING_ID");
    frames.put("{\"type\":\"ping\",\"id\":5}", "MISSING_ID");
    frames.put("{\"type\":\"ping\",\"id\":\"" + "i".repeat(65) + "\"}", "MISSING_ID");
    frames.put("{\"type\":\"teleport\",\"id\":\"m-1\"}", "UNKNOWN_TYPE");
    frames.put("{\"type\":7,\"id\":\"m-2\"}", "UNKNOWN_TYPE");
    frames.put("{\"id\":\"m-3\"}", "UNKNOWN_TYPE");
    frames.put(
        "{\"type\":\"purchase\",\"id\":\"m-4\",\"amount\":\"12.50\",\"currency\":\"EUR\","
            + CARD
            + "}",
        "INVALID_FIELD");
    frames.put(
        "{\"type\":\"purchase\",\"id\":\"m-5\",\"amount\":12.5,\"currency\":\"EUR\"," + CARD + "}",
        "INVALID_FIELD");
    frames.put(
        "{\"type\":\"purchase\",\"id\":\"m-6\",\"amount\":1e400,\"currency\":\"EUR\"," + CARD + "}",
        "INVALID_FIELD");
    frames.put(
        "{\"type\":\"purchase\",\"id\":\"m-7\",\"amount\":123456789012345678901234567890,"
            + "\"currency\":\"EUR\","
            + CARD
            + "}",
        "INVALID_FIELD");
    frames.put(
        "{\"type\":\"purchase\",\"id\":\"m-8\",\"amount\":9223372036854775807,\"currency\":\"EUR\","
            + CARD
            + "}",
        "INVALID_AMOUNT");
    frames.put(
        "{\"type\":\"purchase\",\"id\":\"m-9\",\"amount\":-100,\"currency\":\"EUR\"," + CARD + "}",
        "INVALID_AMOUNT");
    frames.put(
        "{\"type\":\"purchase\",\"id\":\"m-10\",\"amount\":true,\"currency\":\"EUR\"," + CARD + "}",
        "INVALID_FIELD");
    frames.put(
        "{\"type\":\"purchase\",\"id\":\"m-11\",\"amount\":100,\"currency\":\"EUR\"}",
        "INVALID_FIELD");
    frames.put(
        "{\"type\":\"purchase\",\"id\":\"m-12\",\"amount\":100,\"currency\":\"EUR\",\"card\":\"4006\"}",
        "INVALID_FIELD");
    frames.put(
        "{\"type\":\"purchase\",\"id\":\"m-13\",\"amount\":100,\"currency\":978," + CARD + "}",
        "INVALID_FIELD");
    frames.put(
        "{\"type\":\"purchase\",\"id\":\"m-14\",\"amount\":100,\"currency\":\""
            + long300
            + "\","
            + CARD
            + "}",
        "INVALID_FIELD");
    frames.put(
        "{\"type\":\"purchase\",\"id\":\"m-15\",\"amount\":100,\"currency\":\"EUR\","
            + "\"transactionId\":\"not-a-uuid\","
            + CARD
            + "}",
        "INVALID_FIELD");
    frames.put(
        "{\"type\":\"refund\",\"id\":\"m-16\",\"originalTransactionId\":\""
            + uuid
            + "\",\"amount\":100,\"supervisorCode\":\""
            + "9".repeat(200)
            + "\","
            + CARD
            + "}",
        "SUPERVISOR_CODE_WRONG");
    frames.put(
        "{\"type\":\"history\",\"id\":\"m-17\",\"scope\":\"merchant\",\"supervisorCode\":\""
            + "9".repeat(200)
            + "\"}",
        "SUPERVISOR_CODE_WRONG");
    frames.put(
        "{\"type\":\"history\",\"id\":\"m-18\",\"zone\":\"../../etc/passwd\"}", "INVALID_ZONE");
    frames.put("{\"type\":\"history\",\"id\":\"m-19\",\"from\":\"2026-13-45\"}", "INVALID_FROM");
    frames.put("{\"type\":\"history\",\"id\":\"m-20\",\"scope\":[\"merchant\"]}", "INVALID_FIELD");
    frames.put(
        "{\"type\":\"receipt-sms\",\"id\":\"m-21\",\"transactionId\":\""
            + uuid
            + "\",\"phoneNumber\":\"383 44 123 456\",\"language\":\"toolong\"}",
        "INVALID_LANGUAGE");
    frames.put(
        "{\"type\":\"pairing-confirm\",\"id\":\"m-22\",\"pairingId\":42,\"code\":\"1\"}",
        "INVALID_FIELD");
    frames.put("{\"type\":\"topup\",\"id\":\"m-23\",\"operator\":123}", "INVALID_FIELD");
    frames.put(
        "{\"type\":\"internet-packages\",\"id\":\"m-24\",\"operator\":\"XYZ\"}",
        "UNKNOWN_OPERATOR");
    frames.put(
        "{\"type\":\"bill-info\",\"id\":\"m-25\",\"barcode\":\"" + "1".repeat(26) + "\"}",
        "INVALID_PAYMENT_ID");
    frames.put("{\"type\":\"bill-info\",\"id\":\"m-26\",\"barcode\":{}}", "INVALID_FIELD");
    frames.put("{\"type\":\"cancel\",\"id\":\"m-27\",\"transactionId\":[]}", "INVALID_FIELD");
    frames.put(
        "{\"type\":\"wallet-payment\",\"id\":\"m-28\",\"amount\":100,\"currency\":\"EUR\"}",
        "NOT_A_TILL");
    frames.put(
        "{\"type\":\"last-transaction\",\"id\":\"m-29\",\"extra\":{\"deep\":[[[[[null]]]]]}}", "");

    List<String> wrong = new ArrayList<>();
    try (TerminalClient session = terminal.session()) {
      for (Map.Entry<String, String> frame : frames.entrySet()) {
        session.sendRaw(frame.getKey());
        JsonNode answer = session.next();
        String expected = frame.getValue();
        String code = answer.path("code").asText("");
        if (!code.equals(expected)) {
          String shown =
              frame.getKey().length() > 120
                  ? frame.getKey().substring(0, 120) + "…"
                  : frame.getKey();
          wrong.add(shown + " → " + answer);
        }
      }
      // The session is still open.
      assertEquals("ping.result", session.request("ping", Map.of()).path("type").asText());
    }
    assertTrue(wrong.isEmpty(), "answered otherwise than expected:\n" + String.join("\n", wrong));
    assertEquals(
        0,
        database.count(
            "select count(*) from card_transaction where terminal_id = cast(? as uuid)",
            terminal.ref()));
  }

  @Test
  void aBinaryFrameIsAnsweredInvalidJson() throws Exception {
    Active terminal = Terminals.softPos("EUR");
    LinkedBlockingQueue<String> texts = new LinkedBlockingQueue<>();
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + terminal.token())
            .buildAsync(
                URI.create("ws://localhost:" + RestAssured.port + "/v1/terminal/session"),
                new WebSocket.Listener() {
                  private final StringBuilder partial = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      texts.add(partial.toString());
                      partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }
                })
            .join();
    try {
      assertTrue(texts.poll(15, TimeUnit.SECONDS).contains("\"welcome\""));
      socket
          .sendBinary(ByteBuffer.wrap("{\"type\":\"ping\",\"id\":\"b-1\"}".getBytes()), true)
          .join();
      String answer = texts.poll(15, TimeUnit.SECONDS);
      JsonNode error = MAPPER.readTree(String.valueOf(answer));
      assertEquals("INVALID_JSON", error.path("code").asText(), String.valueOf(answer));
      assertTrue(error.path("id").isNull());
      socket.sendText("{\"type\":\"ping\",\"id\":\"b-2\"}", true).join();
      assertEquals(
          "ping.result", MAPPER.readTree(texts.poll(15, TimeUnit.SECONDS)).path("type").asText());
    } finally {
      socket.abort();
    }
  }

  private static JsonNode raw(TerminalClient session, String frame) {
    session.sendRaw(frame);
    return session.next();
  }

  private static void assertRefused(JsonNode answer, String field, String id) {
    assertEquals("error", answer.path("type").asText(), answer.toString());
    assertEquals("INVALID_FIELD", answer.path("code").asText(), answer.toString());
    assertEquals(field, answer.path("field").asText(), answer.toString());
    assertEquals(id, answer.path("id").asText(), answer.toString());
  }

  /** Every log record of the service while the test runs, formatted as it would be written. */
  private static Handler capture(List<String> lines) {
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLoggerName() != null && record.getLoggerName().startsWith("io.tasvie")) {
              String message = record.getMessage();
              Object[] params = record.getParameters();
              try {
                if (params != null && params.length > 0 && message != null) {
                  message = String.format(message, params);
                }
              } catch (RuntimeException e) {
                message = message + " " + java.util.Arrays.toString(params);
              }
              synchronized (lines) {
                lines.add(String.valueOf(message));
              }
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger.getLogger("").addHandler(handler);
    return handler;
  }
}
