package io.tasvie.common.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The catalogue's schemas take what producers send and refuse what a consumer cannot rely on. */
class EventSchemasValidationTest {

  /** Serialises as the services' ObjectMapper does (Quarkus: java.time as ISO text). */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .findAndAddModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private static final EventSchemas SCHEMAS = EventSchemas.load(MAPPER);

  private static final Instant AT = Instant.parse("2026-12-07T09:30:00.123456Z");

  @Test
  void aClosedBatchWithoutBankReferenceMatches() {
    ObjectNode body = MAPPER.valueToTree(closedBatch());
    assertTrue(body.has("bankReference") && body.get("bankReference").isNull());
    assertEquals(List.of(), violations(body));
  }

  @Test
  void aNullableFieldMayBeAbsent() {
    ObjectNode body = MAPPER.valueToTree(closedBatch());
    body.remove("bankReference");
    assertEquals(List.of(), violations(body));
  }

  @Test
  void aPaidBatchWithItsBankReferenceMatches() {
    ObjectNode body = MAPPER.valueToTree(closedBatch());
    body.put("type", SettlementBatchEvent.PAID).put("bankReference", "PAY-2026-000017");
    assertEquals(List.of(), violations(body));
  }

  @Test
  void aMissingRequiredFieldIsRefused() {
    ObjectNode body = MAPPER.valueToTree(closedBatch());
    body.remove("netAmount");
    assertEquals(List.of("$: required property 'netAmount' not found"), violations(body));
  }

  @Test
  void aRequiredFieldThatIsNullIsRefused() {
    ObjectNode body = MAPPER.valueToTree(closedBatch());
    body.putNull("settlementNumber");
    assertEquals(List.of("$.settlementNumber: null found, string expected"), violations(body));
  }

  @Test
  void nestedObjectsHaveTheirRequiredFieldsToo() {
    ObjectNode body = MAPPER.valueToTree(closedBatch());
    ((ObjectNode) body.get("channels").get(0)).remove("feeAmount");
    assertEquals(
        List.of("$.channels[0]: required property 'feeAmount' not found"), violations(body));
  }

  @Test
  void formatsAreChecked() {
    ObjectNode body = MAPPER.valueToTree(closedBatch());
    body.put("batchId", "batch-17").put("settlementDate", "07/12/2026");
    List<String> violations = violations(body);
    assertEquals(2, violations.size(), violations.toString());
    assertTrue(violations.get(0).startsWith("$.batchId: does not match the uuid pattern"));
    assertTrue(violations.get(1).startsWith("$.settlementDate: does not match the date pattern"));
  }

  @Test
  void aWalletPaymentWithoutCardOrTerminalFactsMatches() {
    var facts =
        new PaymentFacts(
            UUID.randomUUID(),
            "order-1",
            150_000,
            "IRR",
            "WALLET",
            null,
            null,
            null,
            null,
            null,
            PaymentFacts.MERCHANT);
    var event = new PaymentCapturedEvent(UUID.randomUUID(), facts, AT);
    assertEquals(
        List.of(), SCHEMAS.violations(PaymentCapturedEvent.class, MAPPER.valueToTree(event)));
  }

  @Test
  void aRecordOutsideTheCatalogueHasNoSchema() {
    assertEquals(
        List.of(String.class.getName() + " is not in the event catalogue (EventCatalogue)"),
        SCHEMAS.violations(String.class, MAPPER.createObjectNode()));
  }

  private static List<String> violations(ObjectNode body) {
    return SCHEMAS.violations(SettlementBatchEvent.class, body);
  }

  private static SettlementBatchEvent closedBatch() {
    return new SettlementBatchEvent(
        SettlementBatchEvent.CLOSED,
        UUID.randomUUID(),
        UUID.randomUUID(),
        LocalDate.of(2026, 12, 8),
        "1405-09-17",
        "TSV-20261208-000017",
        "IRR",
        1_500_000,
        100_000,
        15_000,
        0,
        0,
        1_385_000,
        1_385_000,
        0,
        3,
        1,
        List.of(new ChannelTotals("ONLINE", 3, 1_500_000, 1, 100_000, 15_000)),
        null,
        AT);
  }
}
