package io.tasvie.common.merchant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.tasvie.common.contract.MerchantRegisteredEvent;
import io.tasvie.common.inbox.Inbox;
import io.tasvie.common.inbox.IncomingEvent;
import io.tasvie.common.inbox.PoisonMessageException;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

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
  public Uni<Void> onMerchantEvents(KafkaRecordBatch<String, String> batch) {
    return inbox.consume(batch, consumer, this::apply);
  }

  /** One pipelined upsert per merchant: merchants register rarely, and arrive in order. */
  private Uni<Void> apply(SqlConnection transaction, List<IncomingEvent> events) {
    List<Tuple> rows = new ArrayList<>();
    for (IncomingEvent event : events) {
      if (!"MerchantRegistered".equals(event.type())) {
        continue; // other merchant events are not projected (yet)
      }
      MerchantRegisteredEvent registered = event.dataAs(MerchantRegisteredEvent.class, mapper);
      if (registered.merchantId() == null || registered.merchantNumber() == null) {
        throw new PoisonMessageException("MerchantRegistered " + event.id() + " lacks its ids");
      }
      List<String> domains =
          registered.callbackDomains() == null ? List.of() : registered.callbackDomains();
      rows.add(
          Tuple.of(registered.merchantId(), registered.merchantNumber(), registered.name())
              .addString(registered.country())
              .addString(registered.currency())
              .addArrayOfString(domains.toArray(String[]::new))
              .addOffsetDateTime(
                  registered.registeredAt() == null
                      ? null
                      : OffsetDateTime.ofInstant(registered.registeredAt(), ZoneOffset.UTC)));
    }
    if (rows.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return transaction
        .preparedQuery(
            "insert into merchant_projection (merchant_id, merchant_number, name, country,"
                + " currency, callback_domains, registered_at) values ($1, $2, $3, $4, $5, $6, $7)"
                + " on conflict (merchant_id) do update set merchant_number ="
                + " excluded.merchant_number, name = excluded.name, country = excluded.country,"
                + " currency = excluded.currency, callback_domains = excluded.callback_domains,"
                + " registered_at = excluded.registered_at")
        .executeBatch(rows)
        .replaceWithVoid();
  }
}
