package io.tasvie.common.merchant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.MerchantRegisteredEvent;
import io.tasvie.common.inbox.Inbox;
import io.tasvie.common.inbox.IncomingEvent;
import io.tasvie.common.inbox.PoisonMessageException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Keeps the merchant projection of a service that sets {@code tasvie.merchants.projection=true}.
 */
@ApplicationScoped
@IfBuildProperty(name = MerchantProjectionConsumer.ENABLED, stringValue = "true")
public class MerchantProjectionConsumer {

  static final String ENABLED = "tasvie.merchants.projection";

  private final Inbox inbox;
  private final ObjectMapper mapper;
  private final String consumer;

  public MerchantProjectionConsumer(
      Inbox inbox,
      ObjectMapper mapper,
      @ConfigProperty(name = "quarkus.application.name") String application) {
    this.inbox = inbox;
    this.mapper = mapper;
    this.consumer = application + ".merchants";
  }

  @Incoming(MerchantRegisteredEvent.TOPIC)
  public Uni<Void> onMerchantEvent(Message<String> message) {
    return inbox.consume(message, consumer, this::apply);
  }

  private Uni<Void> apply(IncomingEvent event) {
    if (!"MerchantRegistered".equals(event.type())) {
      return Uni.createFrom().voidItem(); // other merchant events are not projected (yet)
    }
    MerchantRegisteredEvent registered = event.dataAs(MerchantRegisteredEvent.class, mapper);
    if (registered.merchantId() == null || registered.merchantNumber() == null) {
      throw new PoisonMessageException("MerchantRegistered " + event.id() + " lacks its ids");
    }
    return Panache.getSession()
        .chain(session -> session.merge(MerchantProjection.of(registered)))
        .replaceWithVoid();
  }
}
