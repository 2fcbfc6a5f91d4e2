package io.tasvie.notify.message;

import static io.tasvie.notify.testing.Messages.awaitStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tasvie.common.contract.ReceiptRequestedEvent;
import io.tasvie.common.testing.Database;
import io.tasvie.notify.testing.Events;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's receipt example ("Receipts and messages") is what notify-svc answers for that
 * receipt: the same request goes through Kafka, the renderer and the SMSC, and the fields the
 * example shows (ids and times aside) must be the ones the API gives.
 */
@QuarkusTest
class ReadmeExampleTest {

  private static final Pattern FIELD =
      Pattern.compile("\"(\\w+)\":(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+|null|true|false)");

  @Inject Database database;

  @Test
  void theReceiptExampleIsWhatTheApiAnswers() throws IOException {
    String example = example();
    int partsStart = example.indexOf("\"parts\":[");
    int partsEnd = example.indexOf("]", partsStart);
    assertTrue(partsStart > 0 && partsEnd > partsStart, "the example lists the parts");
    String parts = example.substring(partsStart, partsEnd);
    Map<String, String> shown =
        fields(example.substring(0, partsStart) + example.substring(partsEnd));

    UUID merchant = Events.merchant(database, "Dyqani", "XK", "EUR");
    ReceiptRequestedEvent request = Events.purchase(merchant, "383 44 123 456", 4550, "EUR", null);
    Events.receipt(request);
    JsonPath actual = awaitStatus(request.transactionId(), "DELIVERED");

    for (String key :
        List.of(
            "kind",
            "channel",
            "terminalId",
            "recipient",
            "sender",
            "language",
            "encoding",
            "segments",
            "status",
            "attempts",
            "lastError")) {
      assertTrue(shown.containsKey(key), "the example shows " + key);
      assertEquals(unquote(shown.get(key)), string(actual.get(key)), key);
    }
    String text = unquote(shown.get("text"));
    assertTrue(text.endsWith("…"), text);
    String answered = actual.getString("text");
    assertTrue(
        answered.startsWith(text.substring(0, text.length() - 1)),
        "README: " + text + "\nAPI: " + answered);

    // the parts the example lists, with their outcomes
    List<String> statuses =
        Pattern.compile("\"status\":\"(\\w+)\"")
            .matcher(parts)
            .results()
            .map(m -> m.group(1))
            .toList();
    assertEquals(actual.getList("parts").size(), statuses.size());
    for (int part = 0; part < statuses.size(); part++) {
      assertEquals(statuses.get(part), actual.getString("parts[" + part + "].status"));
    }
  }

  /** The JSON of the example after {@code curl …/v1/messages?transactionId=}, comments joined. */
  private static String example() throws IOException {
    List<String> lines = Files.readAllLines(readme());
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("curl -s \"http://127.0.0.1:8083/v1/messages?transactionId=")) {
        start = i + 1;
        break;
      }
    }
    assertTrue(start > 0, "the README shows a lookup by transactionId");
    return lines.subList(start, lines.size()).stream()
        .takeWhile(line -> line.startsWith("#"))
        .map(line -> line.substring(1).strip())
        .collect(Collectors.joining());
  }

  private static Path readme() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("notify-svc"))) {
        return dir.resolve("README.md");
      }
    }
    throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
  }

  private static Map<String, String> fields(String json) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    Matcher matcher = FIELD.matcher(json);
    while (matcher.find()) {
      fields.putIfAbsent(matcher.group(1), matcher.group(2));
    }
    return fields;
  }

  /** A JSON literal as a Java string (null as "null"), escapes \n and \" read. */
  private static String unquote(String literal) {
    if (!literal.startsWith("\"")) {
      return literal;
    }
    return literal
        .substring(1, literal.length() - 1)
        .replace("\\n", "\n")
        .replace("\\\"", "\"")
        .replace("\\\\", "\\");
  }

  private static String string(Object value) {
    return String.valueOf(value);
  }
}
