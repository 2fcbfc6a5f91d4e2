package io.tasvie.notify.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tasvie.common.contract.ActivationCodeIssuedEvent;
import io.tasvie.common.contract.MerchantRegisteredEvent;
import io.tasvie.common.contract.ReceiptRequestedEvent;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Events as the other services publish them, sent to the real broker. */
public final class Events {

  public static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private Events() {}

  /** A merchant as gateway-svc announces it, once this service has projected it. */
  public static UUID merchant(Database database, String name, String country, String currency) {
    UUID id = UUID.randomUUID();
    MerchantRegisteredEvent event =
        new MerchantRegisteredEvent(
            id,
            Long.toString(10_000_000L + ThreadLocalRandom.current().nextInt(80_000_000)),
            name,
            country,
            currency,
            List.of("shop.example"),
            Instant.now());
    send(
        MerchantRegisteredEvent.TOPIC,
        id.toString(),
        UUID.randomUUID().toString(),
        "MerchantRegistered",
        event);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                database.count("select count(*) from merchant_projection where merchant_id = ?", id)
                    == 1);
    return id;
  }

  public static ReceiptRequestedEvent purchase(
      UUID merchantId, String phone, long amount, String currency, String language) {
    return new ReceiptRequestedEvent(
        merchantId,
        UUID.randomUUID(),
        "TM000016",
        phone,
        language,
        "PURCHASE",
        amount,
        currency,
        "400609******0007",
        "VISA",
        "012345",
        "257991144702",
        Instant.parse("2026-11-25T08:30:00Z"),
        (LocalDate) null,
        Instant.now());
  }

  /** Sends {@code event} with a new event id; answers that id. */
  public static String receipt(ReceiptRequestedEvent event) {
    String id = UUID.randomUUID().toString();
    receipt(event, id);
    return id;
  }

  /** Sends {@code event} under {@code eventId} (again, for a redelivery). */
  public static void receipt(ReceiptRequestedEvent event, String eventId) {
    send(
        ReceiptRequestedEvent.TOPIC,
        event.transactionId().toString(),
        eventId,
        "ReceiptRequested",
        event);
  }

  public static String activation(ActivationCodeIssuedEvent event) {
    String id = UUID.randomUUID().toString();
    send(ActivationCodeIssuedEvent.TOPIC, event.terminalId(), id, "ActivationCodeIssued", event);
    return id;
  }

  public static void send(String topic, String key, String id, String type, Object event) {
    try {
      TestKafka.sendEvent(topic, key, id, type, JSON.writeValueAsString(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A record as it goes on the wire. */
  public record Raw(String value, Map<String, String> headers) {}

  /** A CloudEvent in binary mode, as the outbox relay writes it. */
  public static Raw cloudEvent(String id, String type, String body) {
    return new Raw(body, TestKafka.cloudEventHeaders(id, type));
  }

  public static String json(Object event) {
    try {
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends the records back to back under one key through one producer, flushed together: they reach
   * the broker as one record batch of one partition, and so the consumer in one poll.
   */
  public static void together(String topic, String key, List<Raw> records) {
    try (TestKafka.Burst burst = TestKafka.burst()) {
      records.forEach(raw -> burst.record(topic, key, raw.value(), raw.headers()));
      burst.flush();
    }
  }

  /** A Kosovo mobile number (Vala 044/045, IPKO 049), unique enough per test run. */
  public static String kosovoMobile() {
    int n = ThreadLocalRandom.current().nextInt(1_000_000);
    return String.format("383 44 %03d %03d", n / 1000, n % 1000);
  }
}
