package io.tasvie.notify.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.tasvie.common.contract.ActivationCodeIssuedEvent;
import io.tasvie.common.contract.ReceiptRequestedEvent;
import io.tasvie.common.contract.SettlementScheduledEvent;
import io.tasvie.common.inbox.Inbox;
import io.tasvie.common.inbox.IncomingEvent;
import io.tasvie.common.inbox.PoisonMessageException;
import io.tasvie.notify.dispatch.Dispatcher;
import io.tasvie.notify.message.Message.Channel;
import io.tasvie.notify.message.service.MessageService;
import io.tasvie.notify.message.service.MessageService.Requested;
import io.tasvie.notify.settlement.repository.TransactionSettlementRepository;
import io.tasvie.notify.settlement.repository.TransactionSettlementRepository.Settled;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The events notify-svc acts on, a poll at a time through the batch inbox: the messages of a batch
 * are written in the same transaction as its event ids, so a redelivered event never makes a second
 * message, and the dispatcher is woken once the batch has committed.
 */
@ApplicationScoped
public class MessageRequestsConsumer {

  private final Inbox inbox;
  private final MessageService messages;
  private final TransactionSettlementRepository settlements;
  private final Dispatcher dispatcher;
  private final ObjectMapper mapper;

  public MessageRequestsConsumer(
      Inbox inbox,
      MessageService messages,
      TransactionSettlementRepository settlements,
      Dispatcher dispatcher,
      ObjectMapper mapper) {
    this.inbox = inbox;
    this.messages = messages;
    this.settlements = settlements;
    this.dispatcher = dispatcher;
    this.mapper = mapper;
  }

  @Incoming(ReceiptRequestedEvent.TOPIC)
  public Uni<Void> onReceiptEvents(KafkaRecordBatch<String, String> batch) {
    return inbox
        .consume(batch, "notify-svc.receipts", this::receipts)
        .invoke(() -> dispatcher.wake(Channel.SMS));
  }

  @Incoming(ActivationCodeIssuedEvent.TOPIC)
  public Uni<Void> onTerminalEvents(KafkaRecordBatch<String, String> batch) {
    return inbox
        .consume(batch, "notify-svc.terminals", this::activations)
        .invoke(() -> dispatcher.wake(Channel.EMAIL));
  }

  @Incoming(SettlementScheduledEvent.TOPIC)
  public Uni<Void> onSettlementEvents(KafkaRecordBatch<String, String> batch) {
    return inbox.consume(batch, "notify-svc.settlements", this::settlements);
  }

  private Uni<Void> receipts(SqlConnection transaction, List<IncomingEvent> events) {
    List<Requested<ReceiptRequestedEvent>> requests =
        requests(events, "ReceiptRequested", ReceiptRequestedEvent.class);
    return requests.isEmpty()
        ? Uni.createFrom().voidItem()
        : messages.queueReceipts(transaction, requests);
  }

  private Uni<Void> activations(SqlConnection transaction, List<IncomingEvent> events) {
    // other terminal events need no message
    List<Requested<ActivationCodeIssuedEvent>> requests =
        requests(events, "ActivationCodeIssued", ActivationCodeIssuedEvent.class);
    return requests.isEmpty()
        ? Uni.createFrom().voidItem()
        : messages.queueActivationCodes(transaction, requests);
  }

  /** The last word per transaction wins, as it did event by event. */
  private Uni<Void> settlements(SqlConnection transaction, List<IncomingEvent> events) {
    Map<UUID, Settled> latest = new LinkedHashMap<>();
    for (Requested<SettlementScheduledEvent> request :
        requests(events, "SettlementScheduled", SettlementScheduledEvent.class)) {
      SettlementScheduledEvent scheduled = request.event();
      if (scheduled.paymentId() == null || scheduled.settlementDate() == null) {
        continue; // nothing a receipt could show
      }
      if (scheduled.settlementNumber() == null) {
        throw new PoisonMessageException(
            "SettlementScheduled " + request.eventId() + " lacks its settlementNumber");
      }
      latest.remove(scheduled.paymentId());
      latest.put(
          scheduled.paymentId(),
          new Settled(
              scheduled.paymentId(), scheduled.settlementDate(), scheduled.settlementNumber()));
    }
    return settlements.upsert(transaction, new ArrayList<>(latest.values()));
  }

  private <T> List<Requested<T>> requests(List<IncomingEvent> events, String type, Class<T> shape) {
    List<Requested<T>> requests = new ArrayList<>(events.size());
    for (IncomingEvent event : events) {
      if (type.equals(event.type())) {
        requests.add(new Requested<>(event.id(), event.dataAs(shape, mapper)));
      }
    }
    return requests;
  }
}
