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
  private final ObjectMapper mapper;

  public PaymentEventsConsumer(Inbox inbox, SettlementService settlement, ObjectMapper mapper) {
    this.inbox = inbox;
    this.settlement = settlement;
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
    JsonNode payment = body.path("payment");
    UUID paymentId = uuid(body, "paymentId", event);
    UUID merchantId = uuid(payment, "merchantId", event);
    long amount = (refund ? body.path("refundAmount") : payment.path("amount")).asLong();
    String currency = payment.path("currency").asText(null);
    if (amount <= 0 || currency == null || !body.hasNonNull("occurredAt")) {
      throw new PoisonMessageException(
          event.type() + " " + event.id() + " lacks amount, currency or time");
    }
    return Panache.getSession()
        .chain(session -> session.find(MerchantProjection.class, merchantId))
        .chain(
            merchant -> {
              if (merchant == null) {
                throw new PoisonMessageException(
                    event.type() + " " + event.id() + " is for unknown merchant " + merchantId);
              }
              return settlement.record(
                  new Line(
                      paymentId,
                      refund ? uuid(body, "refundId", event) : null,
                      merchantId,
                      merchant.getCountry(),
                      currency,
                      payment.path("channel").asText("ONLINE"),
                      amount,
                      Instant.parse(body.path("occurredAt").asText())));
            });
  }

  private static UUID uuid(JsonNode node, String field, IncomingEvent event) {
    try {
      return UUID.fromString(node.path(field).asText());
    } catch (IllegalArgumentException e) {
      throw new PoisonMessageException(event.type() + " " + event.id() + " has no valid " + field);
    }
  }
}
