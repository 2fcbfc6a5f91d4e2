package io.tasvie.gateway.settlement;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.SettlementScheduledEvent;
import io.tasvie.common.inbox.Inbox;
import io.tasvie.common.inbox.IncomingEvent;
import io.tasvie.common.inbox.PoisonMessageException;
import io.tasvie.gateway.payment.mapping.PaymentEvents;
import io.tasvie.gateway.payment.service.PaymentService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Takes the settlement date and number settlement-svc assigns to online payments, so that PayRep
 * can answer {@code DatTasvie} and {@code NoTasvie}.
 */
@ApplicationScoped
public class SettlementConsumer {

  private static final String CONSUMER = "gateway-svc.settlements";

  private final Inbox inbox;
  private final PaymentService payments;
  private final ObjectMapper mapper;

  public SettlementConsumer(Inbox inbox, PaymentService payments, ObjectMapper mapper) {
    this.inbox = inbox;
    this.payments = payments;
    this.mapper = mapper;
  }

  @Incoming(SettlementScheduledEvent.TOPIC)
  public Uni<Void> onSettlementEvent(Message<String> message) {
    return inbox.consume(message, CONSUMER, this::apply);
  }

  private Uni<Void> apply(IncomingEvent event) {
    if (!"SettlementScheduled".equals(event.type())) {
      return Uni.createFrom().voidItem();
    }
    SettlementScheduledEvent assigned = event.dataAs(SettlementScheduledEvent.class, mapper);
    if (assigned.paymentId() == null
        || assigned.settlementDate() == null
        || assigned.settlementNumber() == null) {
      throw new PoisonMessageException(
          "SettlementScheduled " + event.id() + " lacks its payment, date or number");
    }
    if (!PaymentEvents.CHANNEL.equals(assigned.channel())) {
      return Uni.createFrom().voidItem(); // card-present payments live in terminal-svc
    }
    return payments.assignSettlement(
        assigned.paymentId(), assigned.settlementDate(), assigned.settlementNumber());
  }
}
