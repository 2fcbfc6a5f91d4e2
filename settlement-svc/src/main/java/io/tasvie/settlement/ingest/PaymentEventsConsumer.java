package io.tasvie.settlement.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.PaymentEvent;
import io.tasvie.common.inbox.Inbox;
import io.tasvie.common.inbox.IncomingEvent;
import io.tasvie.common.inbox.PoisonMessageException;
import io.tasvie.common.merchant.MerchantProjection;
import io.tasvie.settlement.batch.service.SettlementService;
import io.tasvie.settlement.batch.service.SettlementService.Line;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Captured payments and refunds of every channel, into settlement batches. */
@ApplicationScoped
public class PaymentEventsConsumer {

  private static final String CONSUMER = "settlement-svc.payments";

  private final Inbox inbox;
  private final SettlementService settlement;
  private final ParkedEvents parked;
  private final ObjectMapper mapper;

  public PaymentEventsConsumer(
      Inbox inbox, SettlementService settlement, ParkedEvents parked, ObjectMapper mapper) {
    this.inbox = inbox;
    this.settlement = settlement;
    this.parked = parked;
    this.mapper = mapper;
  }

  @Incoming(PaymentEvent.TOPIC)
  public Uni<Void> onPaymentEvent(Message<String> message) {
    return inbox.consume(message, CONSUMER, this::apply);
  }

  private Uni<Void> apply(IncomingEvent event) {
    boolean refund = "PaymentRefunded".equals(event.type());
    if (!refund && !"PaymentCaptured".equals(event.type())) {
      return Uni.createFrom().voidItem(); // authorisations and reversals settle nothing
    }
    JsonNode body = event.dataAs(JsonNode.class, mapper);
    UUID merchantId = uuid(body.path("payment"), "merchantId", event.type(), event.id());
    line(event.type(), event.id(), body, merchantId, null); // a poison event is never parked
    return Panache.getSession()
        .chain(session -> session.find(MerchantProjection.class, merchantId))
        .chain(
            merchant ->
                merchant == null
                    ? parked.park(event.id(), merchantId, event.type(), body.toString())
                    : settlement.record(
                        line(
                            event.type(),
                            event.id(),
                            body,
                            merchant.getMerchantId(),
                            merchant.getCountry())));
  }

  /**
   * The settlement line an event describes.
   *
   * @throws PoisonMessageException when the event lacks what settlement needs
   */
  static Line line(String type, String eventId, JsonNode body, UUID merchantId, String country) {
    boolean refund = "PaymentRefunded".equals(type);
    JsonNode payment = body.path("payment");
    long amount = (refund ? body.path("refundAmount") : payment.path("amount")).asLong();
    String currency = payment.path("currency").asText(null);
    if (amount <= 0 || currency == null || !body.hasNonNull("occurredAt")) {
      throw new PoisonMessageException(type + " " + eventId + " lacks amount, currency or time");
    }
    return new Line(
        uuid(body, "paymentId", type, eventId),
        refund ? uuid(body, "refundId", type, eventId) : null,
        merchantId,
        country,
        currency,
        payment.path("channel").asText("ONLINE"),
        amount,
        Instant.parse(body.path("occurredAt").asText()));
  }

  private static UUID uuid(JsonNode node, String field, String type, String eventId) {
    try {
      return UUID.fromString(node.path(field).asText());
    } catch (IllegalArgumentException e) {
      throw new PoisonMessageException(type + " " + eventId + " has no valid " + field);
    }
  }
}
