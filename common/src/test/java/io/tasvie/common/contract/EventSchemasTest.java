package io.tasvie.common.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event catalogue's JSON Schemas in {@code docs/events/} are the contract records' schemas:
 * this test fails when a record changed and its schema file did not. Regenerate with {@code ./mvnw
 * -pl common test -Dtest=EventSchemasTest -Dtasvie.write-schemas=true}.
 */
class EventSchemasTest {

  private static final Path DIRECTORY = Path.of("..", "docs", "events");

  /** Each event type (CloudEvents {@code type}) with the record its data is. */
  private static final Map<String, Class<?>> EVENTS =
      Map.ofEntries(
          Map.entry("MerchantRegistered", MerchantRegisteredEvent.class),
          Map.entry("MerchantSettingsChanged", MerchantSettingsChangedEvent.class),
          Map.entry("ReceiptRequested", ReceiptRequestedEvent.class),
          Map.entry("ActivationCodeIssued", ActivationCodeIssuedEvent.class),
          Map.entry("TerminalActivated", TerminalActivatedEvent.class),
          Map.entry("TerminalRevoked", TerminalRevokedEvent.class),
          Map.entry("PaymentAuthorized", PaymentAuthorizedEvent.class),
          Map.entry("PaymentCaptured", PaymentCapturedEvent.class),
          Map.entry("PaymentReversed", PaymentReversedEvent.class),
          Map.entry("PaymentRefunded", PaymentRefundedEvent.class),
          Map.entry("SettlementScheduled", SettlementScheduledEvent.class),
          Map.entry("SettlementBatch", SettlementBatchEvent.class));

  private final SchemaGenerator generator =
      new SchemaGenerator(
          new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
              .with(Option.EXTRA_OPEN_API_FORMAT_VALUES)
              .build());

  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Test
  void theCatalogueSchemasAreTheContractRecords() throws IOException {
    boolean write = Boolean.getBoolean("tasvie.write-schemas");
    for (Map.Entry<String, Class<?>> event : EVENTS.entrySet()) {
      var schema = generator.generateSchema(event.getValue());
      schema.put("title", event.getKey());
      String expected = json.writeValueAsString(schema) + "\n";
      Path file = DIRECTORY.resolve(event.getKey() + ".schema.json");
      if (write) {
        Files.createDirectories(DIRECTORY);
        Files.writeString(file, expected);
      }
      assertEquals(
          expected,
          Files.exists(file) ? Files.readString(file) : "",
          file + " is stale: regenerate with -Dtasvie.write-schemas=true");
    }
  }
}
