package io.tasvie.settlement.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.PaymentEvent;
import io.tasvie.common.inbox.Inbox;
import io.tasvie.common.inbox.IncomingEvent;
import io.tasvie.common.merchant.MerchantProjection;
import io.tasvie.settlement.batch.service.SettlementService;
import io.tasvie.settlement.batch.service.SettlementService.Line;
import jakarta.enterprise.context.ApplicationScoped;
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
    if (!PaymentLines.settles(event.type())) {
      return Uni.createFrom().voidItem(); // authorisations and reversals settle nothing
    }
    // Read (and so checked) before parking: a poison event is dead-lettered, never parked.
    Line line = PaymentLines.read(event.type(), event.id(), event.data(), mapper);
    return Panache.getSession()
        .chain(session -> session.find(MerchantProjection.class, line.merchantId()))
        .chain(
            merchant ->
                merchant == null
                    ? parked.park(
                        event.id(), line.merchantId(), event.type(), event.data().toString())
                    : settlement.record(PaymentLines.settled(line, merchant)));
  }
}
