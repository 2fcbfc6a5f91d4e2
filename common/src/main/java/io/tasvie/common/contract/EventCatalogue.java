package io.tasvie.common.contract;

import io.tasvie.common.outbox.DomainEvent;
import java.util.Map;
import java.util.Optional;

/**
 * The event catalogue: each contract record with the name of its JSON Schema, {@code
 * docs/events/<name>.schema.json}, which the common jar carries under {@link #SCHEMA_LOCATION}. The
 * schemas are generated from these records ({@code EventSchemasTest}); a record missing here has no
 * schema, and the outbox refuses to publish it while it checks events.
 */
public final class EventCatalogue {

  /** Where on the class path the schemas are. */
  public static final String SCHEMA_LOCATION = "META-INF/tasvie/events/";

  private static final Map<Class<? extends DomainEvent>, String> SCHEMAS =
      Map.ofEntries(
          Map.entry(MerchantRegisteredEvent.class, "MerchantRegistered"),
          Map.entry(MerchantSettingsChangedEvent.class, "MerchantSettingsChanged"),
          Map.entry(ReceiptRequestedEvent.class, "ReceiptRequested"),
          Map.entry(ActivationCodeIssuedEvent.class, "ActivationCodeIssued"),
          Map.entry(TerminalActivatedEvent.class, "TerminalActivated"),
          Map.entry(TerminalRevokedEvent.class, "TerminalRevoked"),
          Map.entry(PaymentAuthorizedEvent.class, "PaymentAuthorized"),
          Map.entry(PaymentCapturedEvent.class, "PaymentCaptured"),
          Map.entry(PaymentReversedEvent.class, "PaymentReversed"),
          Map.entry(PaymentRefundedEvent.class, "PaymentRefunded"),
          Map.entry(SettlementScheduledEvent.class, "SettlementScheduled"),
          // One record, one schema for both SettlementBatchClosed and SettlementBatchPaid.
          Map.entry(SettlementBatchEvent.class, "SettlementBatch"));

  private EventCatalogue() {}

  /** Every contract record with its schema's name. */
  public static Map<Class<? extends DomainEvent>, String> schemas() {
    return SCHEMAS;
  }

  /** The name of the schema of {@code event}'s body, if the catalogue lists it. */
  public static Optional<String> schemaOf(Class<?> event) {
    return Optional.ofNullable(SCHEMAS.get(event));
  }

  /**
   * The schema's file name, the same in {@code docs/events/} and under {@link #SCHEMA_LOCATION}.
   */
  public static String fileName(String schema) {
    return schema + ".schema.json";
  }
}
