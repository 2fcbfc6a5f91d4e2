package io.tasvie.notify.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.ActivationCodeIssuedEvent;
import io.tasvie.common.contract.ReceiptRequestedEvent;
import io.tasvie.common.contract.SettlementScheduledEvent;
import io.tasvie.common.inbox.Inbox;
import io.tasvie.common.inbox.IncomingEvent;
import io.tasvie.notify.dispatch.Dispatcher;
import io.tasvie.notify.message.Message.Channel;
import io.tasvie.notify.message.service.MessageService;
import io.tasvie.notify.settlement.TransactionSettlement;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The events notify-svc acts on, each through the inbox: a message is written in the same
 * transaction as the event's id, so a redelivered event never makes a second message.
 */
@ApplicationScoped
public class MessageRequestsConsumer {

  private final Inbox inbox;
  private final MessageService messages;
  private final Dispatcher dispatcher;
  private final ObjectMapper mapper;

  public MessageRequestsConsumer(
      Inbox inbox, MessageService messages, Dispatcher dispatcher, ObjectMapper mapper) {
    this.inbox = inbox;
    this.messages = messages;
    this.dispatcher = dispatcher;
    this.mapper = mapper;
  }

  @Incoming(ReceiptRequestedEvent.TOPIC)
  public Uni<Void> onReceiptEvent(Message<String> message) {
    return inbox
        .consume(message, "notify-svc.receipts", this::receipt)
        .invoke(() -> dispatcher.wake(Channel.SMS));
  }

  @Incoming(ActivationCodeIssuedEvent.TOPIC)
  public Uni<Void> onTerminalEvent(Message<String> message) {
    return inbox
        .consume(message, "notify-svc.terminals", this::activation)
        .invoke(() -> dispatcher.wake(Channel.EMAIL));
  }

  @Incoming(SettlementScheduledEvent.TOPIC)
  public Uni<Void> onSettlementEvent(Message<String> message) {
    return inbox.consume(message, "notify-svc.settlements", this::settlement);
  }

  private Uni<Void> receipt(IncomingEvent event) {
    if (!"ReceiptRequested".equals(event.type())) {
      return Uni.createFrom().voidItem();
    }
    return messages
        .queueReceipt(event.id(), event.dataAs(ReceiptRequestedEvent.class, mapper))
        .replaceWithVoid();
  }

  private Uni<Void> activation(IncomingEvent event) {
    if (!"ActivationCodeIssued".equals(event.type())) {
      return Uni.createFrom().voidItem(); // other terminal events need no message
    }
    return messages
        .queueActivationCode(event.id(), event.dataAs(ActivationCodeIssuedEvent.class, mapper))
        .replaceWithVoid();
  }

  private Uni<Void> settlement(IncomingEvent event) {
    if (!"SettlementScheduled".equals(event.type())) {
      return Uni.createFrom().voidItem();
    }
    SettlementScheduledEvent scheduled = event.dataAs(SettlementScheduledEvent.class, mapper);
    if (scheduled.paymentId() == null || scheduled.settlementDate() == null) {
      return Uni.createFrom().voidItem(); // nothing a receipt could show
    }
    return Panache.getSession()
        .chain(
            session ->
                session.merge(
                    new TransactionSettlement(
                        scheduled.paymentId(),
                        scheduled.settlementDate(),
                        scheduled.settlementNumber())))
        .replaceWithVoid();
  }
}
