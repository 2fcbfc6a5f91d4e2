package io.tasvie.settlement.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tasvie.common.contract.MerchantRegisteredEvent;
import io.tasvie.common.contract.PaymentCapturedEvent;
import io.tasvie.common.contract.PaymentFacts;
import io.tasvie.common.contract.PaymentRefundedEvent;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The events settlement-svc consumes, written with the contract records, sent to Kafka. */
public final class Payments {

  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private Payments() {}

  /** Registers a merchant and waits until this service's projection has it. */
  public static UUID merchant(Database database, String country, String currency) {
    return merchant(database, UUID.randomUUID(), country, currency);
  }

  /** Registers the merchant with this id and waits until this service's projection has it. */
  public static UUID merchant(Database database, UUID merchantId, String country, String currency) {
    send(
        "merchants",
        merchantId,
        "MerchantRegistered",
        new MerchantRegisteredEvent(
            merchantId,
            Integer.toString(ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999)),
            "Ketab Shop",
            country,
            currency,
            List.of("shop.example.ir"),
            Instant.parse("2026-11-01T10:00:00Z")));
    await()
        .atMost(TIMEOUT)
        .until(
            () ->
                database.count(
                        "select count(*) from merchant_projection where merchant_id = ?",
                        merchantId)
                    == 1);
    return merchantId;
  }

  public static PaymentFacts facts(UUID merchantId, long amount, String currency, String channel) {
    return new PaymentFacts(
        merchantId,
        "R-" + amount,
        amount,
        currency,
        channel,
        "400609******0007",
        "VISA",
        "123456",
        "123456789012",
        null,
        PaymentFacts.MERCHANT);
  }

  public static void captured(PaymentFacts payment, UUID paymentId, Instant at) {
    send(
        "payments", paymentId, "PaymentCaptured", new PaymentCapturedEvent(paymentId, payment, at));
  }

  public static void refunded(
      PaymentFacts payment, UUID paymentId, UUID refundId, long amount, Instant at) {
    send(
        "payments",
        paymentId,
        "PaymentRefunded",
        new PaymentRefundedEvent(paymentId, payment, refundId, amount, amount, "returned", at));
  }

  /** Sends {@code event} with a fresh event id. */
  public static void send(String topic, UUID key, String type, Object event) {
    send(topic, key, UUID.randomUUID().toString(), type, event);
  }

  /** Sends {@code event} with the given event id (the same id twice is a redelivery). */
  public static void send(String topic, UUID key, String eventId, String type, Object event) {
    TestKafka.sendEvent(topic, key.toString(), eventId, type, json(event));
  }

  public static String json(Object event) {
    try {
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An event to send: its key, CloudEvents id and type, and its body. */
  public record Event(UUID key, String eventId, String type, Object body) {}

  /** Starts a burst: records sent back to back by one producer, flushed together. */
  public static Burst burst() {
    return new Burst();
  }

  /** {@link TestKafka.Burst} with this service's events. */
  public static final class Burst implements AutoCloseable {
    private final TestKafka.Burst burst = TestKafka.burst();

    private Burst() {}

    public Burst event(String topic, Event event) {
      return event(
          topic, event.key().toString(), event.eventId(), event.type(), json(event.body()));
    }

    public Burst event(String topic, String key, String eventId, String type, String body) {
      burst.event(topic, key, eventId, type, body);
      return this;
    }

    public Burst record(String topic, String key, String value, Map<String, String> headers) {
      burst.record(topic, key, value, headers);
      return this;
    }

    public void flush() {
      burst.flush();
    }

    @Override
    public void close() {
      burst.close();
    }
  }
}
