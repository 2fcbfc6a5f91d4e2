package io.tasvie.notify.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.restassured.path.json.JsonPath;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.smsc.LocalSmsc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Messages as the API (for an admin) and the test SMSC see them. */
public final class Messages {

  /** Generous: a cold JVM on a busy machine answers its first requests slowly. */
  private static final Duration WAIT = Duration.ofSeconds(60);

  private Messages() {}

  /** The newest message whose {@code filter} (a query parameter of the list) is {@code value}. */
  public static JsonPath newest(String filter, Object value) {
    JsonPath page =
        given()
            .auth()
            .oauth2(TestTokens.token("admin"))
            .queryParam(filter, value)
            .get("/v1/messages")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<Object> items = page.getList("items");
    try {
      return JsonPath.from(
          Events.JSON.writeValueAsString(items.isEmpty() ? Map.of() : page.getMap("items[0]")));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits until that message is in {@code status}, and answers it. */
  public static JsonPath awaitNewest(String filter, Object value, String status) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> status.equals(newest(filter, value).getString("status")));
    JsonPath message = newest(filter, value);
    assertNotNull(message.getString("messageId"));
    return message;
  }

  public static JsonPath status(UUID transactionId) {
    return newest("transactionId", transactionId);
  }

  public static JsonPath awaitStatus(UUID transactionId, String status) {
    return awaitNewest("transactionId", transactionId, status);
  }

  /** Whole messages the test SMSC received for {@code e164}. */
  public static List<LocalSmsc.Message> to(String e164) {
    String digits = e164.substring(1);
    return MessagingServers.smsc().messages().stream()
        .filter(m -> m.destination().equals(digits))
        .toList();
  }
}
