package io.tasvie.gateway.settlement;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.tasvie.common.contract.SettlementScheduledEvent;
import io.tasvie.common.inbox.Inbox;
import io.tasvie.common.inbox.IncomingEvent;
import io.tasvie.common.inbox.PoisonMessageException;
import io.tasvie.gateway.payment.mapping.PaymentEvents;
import io.tasvie.gateway.payment.service.PaymentService;
import io.tasvie.gateway.payment.service.PaymentService.SettlementAssignment;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes the settlement date and number settlement-svc assigns to online payments, so that PayRep
 * can answer {@code DatTasvie} and {@code NoTasvie}: a poll at a time through the batch inbox, the
 * payments of a batch changed in one statement.
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
  public Uni<Void> onSettlementEvents(KafkaRecordBatch<String, String> batch) {
    return inbox.consume(batch, CONSUMER, this::apply);
  }

  private Uni<Void> apply(SqlConnection transaction, List<IncomingEvent> events) {
    List<SettlementAssignment> online = new ArrayList<>();
    for (IncomingEvent event : events) {
      if (!"SettlementScheduled".equals(event.type())) {
        continue;
      }
      SettlementScheduledEvent assigned = event.dataAs(SettlementScheduledEvent.class, mapper);
      if (assigned.paymentId() == null
          || assigned.settlementDate() == null
          || assigned.settlementNumber() == null) {
        throw new PoisonMessageException(
            "SettlementScheduled " + event.id() + " lacks its payment, date or number");
      }
      if (!PaymentEvents.CHANNEL.equals(assigned.channel())) {
        continue; // card-present payments live in terminal-svc
      }
      online.add(
          new SettlementAssignment(
              assigned.paymentId(), assigned.settlementDate(), assigned.settlementNumber()));
    }
    return online.isEmpty()
        ? Uni.createFrom().voidItem()
        : payments.assignSettlements(transaction, online);
  }
}
