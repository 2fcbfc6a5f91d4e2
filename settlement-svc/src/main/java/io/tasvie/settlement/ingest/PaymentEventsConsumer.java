package io.tasvie.settlement.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.tasvie.common.contract.PaymentEvent;
import io.tasvie.common.inbox.Inbox;
import io.tasvie.common.inbox.IncomingEvent;
import io.tasvie.settlement.batch.service.SettlementService;
import io.tasvie.settlement.batch.service.SettlementService.Line;
import io.tasvie.settlement.ingest.ParkedEvents.Parked;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Captured payments and refunds of every channel, into settlement batches: a poll's events in one
 * transaction, set-based.
 */
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
  public Uni<Void> onPaymentEvents(KafkaRecordBatch<String, String> batch) {
    return inbox.consume(batch, CONSUMER, this::apply);
  }

  private Uni<Void> apply(SqlConnection transaction, List<IncomingEvent> fresh) {
    List<IncomingEvent> settling = new ArrayList<>(fresh.size());
    List<Line> read = new ArrayList<>(fresh.size());
    Set<UUID> merchants = new LinkedHashSet<>();
    for (IncomingEvent event : fresh) {
      if (!PaymentLines.settles(event.type())) {
        continue; // authorisations and reversals settle nothing
      }
      // Read (and so checked) before parking: a poison event is dead-lettered, never parked.
      Line line = PaymentLines.read(event.type(), event.id(), event.data(), mapper);
      settling.add(event);
      read.add(line);
      merchants.add(line.merchantId());
    }
    if (read.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return KnownMerchant.find(transaction, merchants)
        .chain(
            known -> {
              List<Line> lines = new ArrayList<>(read.size());
              List<Parked> waiting = new ArrayList<>();
              for (int i = 0; i < read.size(); i++) {
                Line line = read.get(i);
                KnownMerchant merchant = known.get(line.merchantId());
                if (merchant == null) {
                  IncomingEvent event = settling.get(i);
                  waiting.add(
                      new Parked(
                          event.id(), line.merchantId(), event.type(), event.data().toString()));
                } else {
                  lines.add(PaymentLines.settled(line, merchant));
                }
              }
              return parked
                  .park(transaction, waiting)
                  .chain(() -> settlement.record(transaction, lines));
            });
  }
}
