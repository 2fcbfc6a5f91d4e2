package io.tasvie.settlement.finance;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.tasvie.common.contract.PaymentFacts;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.TestTokens;
import io.tasvie.settlement.batch.service.SettlementDates;
import io.tasvie.settlement.calendar.service.BusinessCalendar;
import io.tasvie.settlement.testing.Payments;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fees, operator amounts, carry-forward, exports (CSV, pain.001) and reconciliation. */
@QuarkusTest
class FinanceResourceTest {

  private static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");
  private static final ZoneId BELGRADE = ZoneId.of("Europe/Belgrade");

  /** The merchant's payout account in the README's example. */
  private static final String SHEBA = "IR82 0540 1026 8002 0817 9090 02";

  /** The platform's IRR account payouts are made from (tasvie.payout.accounts.IRR). */
  private static final String PLATFORM_IRR = "IR380170000000100000000001";

  @Inject Database database;
  @Inject SettlementDates dates;

  String finance;
  String admin;
  UUID merchantId;

  @Inject BusinessCalendar calendar;

  /**
   * A Saturday of a week without Iranian holidays (each day but Friday a business day, so each
   * day's captures settle the next day) and no other test's batches.
   */
  LocalDate saturday;

  static {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @BeforeEach
  void setUp() {
    finance = TestTokens.token("finance");
    admin = TestTokens.token("admin");
    merchantId = Payments.merchant(database, "IR", "IRR");
    do {
      saturday =
          LocalDate.of(ThreadLocalRandom.current().nextInt(2033, 2099), 1, 1)
              .plusWeeks(ThreadLocalRandom.current().nextInt(0, 50))
              .with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
    } while (!workingWeek(saturday)
        || database.count(
                "select count(*) from settlement_batch where settlement_date between ? and ?",
                saturday,
                saturday.plusDays(6))
            > 0);
  }

  private boolean workingWeek(LocalDate saturday) {
    return saturday
        .datesUntil(saturday.plusDays(8))
        .filter(day -> day.getDayOfWeek() != DayOfWeek.FRIDAY)
        .allMatch(day -> calendar.isBusinessDay("IR", day));
  }

  @Test
  void feesAndOperatorAmountsMakeTheBatchItsLedgerAndItsPayoutFile() throws Exception {
    setContract(
        merchantId,
        "{\"channel\":\"ONLINE\",\"mdrBps\":150,\"fixedFee\":0},"
            + "{\"channel\":\"MPOS\",\"mdrBps\":100,\"fixedFee\":500}",
        SHEBA);
    UUID online = UUID.randomUUID();
    PaymentFacts onlineSale = Payments.facts(merchantId, 120_000, "IRR", "ONLINE");
    Payments.captured(onlineSale, online, at(saturday, 10));
    Payments.captured(
        Payments.facts(merchantId, 50_000, "IRR", "MPOS"), UUID.randomUUID(), at(saturday, 11));
    Payments.captured(
        Payments.facts(merchantId, 20_000, "IRR", "TOPUP"), UUID.randomUUID(), at(saturday, 12));
    Payments.refunded(onlineSale, online, UUID.randomUUID(), 30_000, at(saturday, 13));

    UUID batchId = awaitBatch(merchantId, 4);
    JsonPath batch = getBatch(batchId);
    assertEquals(190_000, batch.getLong("capturedAmount"));
    assertEquals(30_000, batch.getLong("refundedAmount"));
    assertEquals(
        1_800 + 1_000, batch.getLong("feeAmount")); // 1.5 % of 120,000; 1 % of 50,000 + 500
    assertEquals(20_000, batch.getLong("operatorAmount")); // the top-up is the operator's
    assertEquals(190_000 - 30_000 - 2_800 - 20_000, batch.getLong("netAmount"));
    assertEquals(3, batch.getList("channels").size());
    assertEquals(1_000, batch.getLong("channels.find { it.channel == 'MPOS' }.feeAmount"));
    assertEquals(30_000, batch.getLong("channels.find { it.channel == 'ONLINE' }.refundedAmount"));
    assertEquals(0, unbalancedPostings(merchantId));
    assertEquals(2_800, ledgerCredits(merchantId, "FEE_INCOME"));
    assertEquals(20_000, ledgerCredits(merchantId, "OPERATOR_PAYABLE"));

    close(merchantId);
    String number = batch.getString("settlementNumber");
    LocalDate date = LocalDate.parse(batch.getString("settlementDate"));
    awaitStatus(batchId, "CLOSED");
    assertEquals(137_200, getBatch(batchId).getLong("payoutAmount"));

    String csv =
        export(date.toString(), date.toString(), null, "csv")
            .statusCode(200)
            .contentType(containsString("text/csv"))
            .extract()
            .asString();
    assertTrue(
        csv.lines()
            .anyMatch(
                line ->
                    line.startsWith(number + "," + date)
                        && line.contains(
                            ",IRR,CLOSED,3,190000,1,30000,2800,20000,0,137200,0,IR820540102680020817909002")),
        csv);

    String xml =
        export(date.toString(), date.toString(), "IRR", "pain001")
            .statusCode(200)
            .contentType(containsString("pain.001.001.09"))
            .extract()
            .asString();
    validatePain001(xml);
    assertTrue(xml.contains("<EndToEndId>" + number + "</EndToEndId>"), xml);
    assertTrue(xml.contains("<InstdAmt Ccy=\"IRR\">137200</InstdAmt>"), xml);
    assertTrue(xml.contains("<IBAN>IR820540102680020817909002</IBAN>"), xml);
    // Paid from the platform's account, never from the merchant's own.
    assertTrue(
        xml.replaceAll(">\\s+<", "><")
            .contains("<DbtrAcct><Id><IBAN>" + PLATFORM_IRR + "</IBAN></Id></DbtrAcct>"),
        xml);
    assertEquals(1, xml.split("IR820540102680020817909002", -1).length - 1, xml);
    assertTrue(xml.contains("<Dt>" + date + "</Dt>"), xml);

    reconcile(date)
        .statusCode(200)
        .body("reconciled", equalTo(true))
        .body("checks.findAll { !it.passed }", hasSize(0));

    markPaid(batchId, "SATNA-77").statusCode(200).body("status", equalTo("PAID"));
    assertEquals(137_200, ledgerCredits(merchantId, "BANK"));
    assertEquals(0, unbalancedPostings(merchantId));
    // Paid batches are no longer in the payout file.
    export(date.toString(), date.toString(), "IRR", "pain001")
        .statusCode(404)
        .body("type", containsString("nothing-to-pay"));
  }

  @Test
  void aBatchWhoseRefundsOutweighItsSalesPaysNothingAndCarriesTheShortfall() {
    UUID big = UUID.randomUUID();
    PaymentFacts sale = Payments.facts(merchantId, 200_000, "IRR", "ONLINE");
    Payments.captured(sale, big, at(saturday, 10));
    Payments.refunded(sale, big, UUID.randomUUID(), 150_000, at(saturday.plusDays(1), 10));
    Payments.captured(
        Payments.facts(merchantId, 10_000, "IRR", "ONLINE"),
        UUID.randomUUID(),
        at(saturday.plusDays(1), 11));
    Payments.captured(
        Payments.facts(merchantId, 300_000, "IRR", "ONLINE"),
        UUID.randomUUID(),
        at(saturday.plusDays(2), 10));
    await()
        .atMost(Payments.TIMEOUT)
        .until(
            () ->
                database.count(
                        "select count(*) from settlement_item i join settlement_batch b on b.id = i.batch_id where b.merchant_id = ?",
                        merchantId)
                    == 4);

    close(merchantId);
    await()
        .atMost(Payments.TIMEOUT)
        .until(
            () ->
                database.count(
                        "select count(*) from settlement_batch where merchant_id = ? and status = 'CLOSED'",
                        merchantId)
                    == 3);
    JsonPath batches =
        given()
            .auth()
            .oauth2(finance)
            .queryParam("merchantId", merchantId)
            .get("/v1/settlement-batches")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    // Newest first: the third day takes over the second day's shortfall.
    assertEquals(java.util.List.of(160_000, 0, 200_000), batches.getList("payoutAmount"));
    assertEquals(java.util.List.of(0, 140_000, 0), batches.getList("carriedOut"));
    assertEquals(java.util.List.of(140_000, 0, 0), batches.getList("carriedIn"));

    markPaid(batches.getString("[1].batchId"), "SATNA-78")
        .statusCode(409)
        .body("type", containsString("nothing-to-pay"));
  }

  @Test
  void badContractsAndExportsAreRefusedAndChangeNothing() {
    String path = "/v1/merchants/" + merchantId + "/settlement-contract";
    for (String bad :
        new String[] {
          "{\"delayDays\":1,\"cutoff\":\"23:59\",\"iban\":\"IR82 0540 1026 8002 0817 9090 03\",\"accountHolder\":\"X\"}",
          "{\"delayDays\":1,\"cutoff\":\"23:59\",\"iban\":\"" + SHEBA + "\"}",
          "{\"delayDays\":1,\"cutoff\":\"23:59\",\"fees\":[{\"channel\":\"ONLINE\",\"mdrBps\":10001,\"fixedFee\":0}]}",
          "{\"delayDays\":1,\"cutoff\":\"23:59\",\"fees\":[{\"channel\":\"ONLINE\",\"mdrBps\":100,\"fixedFee\":-1}]}",
          "{\"delayDays\":1,\"cutoff\":\"23:59\",\"fees\":[{\"channel\":\"ONLINE\",\"mdrBps\":100,\"fixedFee\":0},"
              + "{\"channel\":\"ONLINE\",\"mdrBps\":200,\"fixedFee\":0}]}",
          "{\"delayDays\":1,\"cutoff\":\"23:59\",\"fees\":[{\"channel\":\"online; drop\",\"mdrBps\":1,\"fixedFee\":0}]}",
        }) {
      given()
          .auth()
          .oauth2(admin)
          .contentType(ContentType.JSON)
          .body(bad)
          .put(path)
          .then()
          .statusCode(400)
          .contentType(containsString("problem+json"));
    }
    given()
        .auth()
        .oauth2(finance)
        .get(path)
        .then()
        .statusCode(200)
        .body("iban", equalTo(null))
        .body("fees", hasSize(0));

    String from = saturday.toString();
    export(from, saturday.plusYears(1).toString(), null, null)
        .statusCode(400)
        .body("type", containsString("range-too-long"));
    export(from, saturday.minusDays(1).toString(), null, null)
        .statusCode(400)
        .body("type", containsString("invalid-range"));
    export(from, from, null, "xls").statusCode(400).body("type", containsString("invalid-format"));
    export(from, from, null, "pain001")
        .statusCode(400)
        .body("type", containsString("currency-required"));
    export(from, from, "USD", "pain001")
        .statusCode(409)
        .body("type", containsString("no-payout-account"));
    export("2033-13-01", from, null, null)
        .statusCode(400)
        .body("type", containsString("invalid-date"));
    given()
        .auth()
        .oauth2(TestTokens.merchant(merchantId))
        .queryParam("from", from)
        .queryParam("to", from)
        .get("/v1/settlement-exports")
        .then()
        .statusCode(403);

    // A closed batch whose merchant has no payout account: the file is refused, naming the batch.
    Payments.captured(
        Payments.facts(merchantId, 70_000, "IRR", "ONLINE"), UUID.randomUUID(), at(saturday, 9));
    UUID batchId = awaitBatch(merchantId, 1);
    close(merchantId);
    awaitStatus(batchId, "CLOSED");
    JsonPath batch = getBatch(batchId);
    String date = batch.getString("settlementDate");
    export(date, date, "IRR", "pain001")
        .statusCode(409)
        .body("type", containsString("merchant-without-account"))
        .body("detail", containsString(batch.getString("settlementNumber")));

    // A contract written before the platform took that account: the file is refused too.
    database.update(
        "insert into merchant_contract (merchant_id, delay_days, cutoff, iban, account_holder,"
            + " updated_at) values (?, 1, '23:59', ?, 'Tasvie', now())",
        merchantId,
        PLATFORM_IRR);
    export(date, date, "IRR", "pain001")
        .statusCode(409)
        .body("type", equalTo("urn:tasvie:problem:creditor-is-debtor"))
        .body("detail", containsString(batch.getString("settlementNumber")));
  }

  @Test
  void aContractPayingIntoThePlatformsOwnAccountIsRefused() {
    String path = "/v1/merchants/" + merchantId + "/settlement-contract";
    for (String iban : new String[] {PLATFORM_IRR, "ir38 0170 0000 0010 0000 0000 01"}) {
      given()
          .auth()
          .oauth2(admin)
          .contentType(ContentType.JSON)
          .body(
              "{\"delayDays\":1,\"cutoff\":\"23:59\",\"iban\":\""
                  + iban
                  + "\",\"accountHolder\":\"Ketab Shop Co\"}")
          .put(path)
          .then()
          .statusCode(409)
          .contentType(containsString("problem+json"))
          .body("type", equalTo("urn:tasvie:problem:iban-is-platform-account"));
    }
    given().auth().oauth2(finance).get(path).then().statusCode(200).body("iban", equalTo(null));
    // The README's merchant account is a merchant's, not the platform's.
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(
            "{\"delayDays\":1,\"cutoff\":\"23:59\",\"iban\":\""
                + SHEBA
                + "\",\"accountHolder\":\"Ketab Shop Co\"}")
        .put(path)
        .then()
        .statusCode(200);
  }

  @Test
  void reconciliationNeverAddsUpAmountsInDifferentCurrencies() {
    UUID tehranShop = merchantId;
    UUID prishtinaShop = Payments.merchant(database, "XK", "EUR");
    // A day both an IRR and a EUR batch settle on: Monday captures in Tehran and Prishtina
    // settle on Tuesday, unless a Kosovar holiday is near; then another week.
    LocalDate monday = saturday.plusDays(2);
    Instant irrAt = at(monday, 10);
    LocalDate day = dates.settlementDate(irrAt, "IR");
    Instant eurAt = monday.atTime(10, 0).atZone(BELGRADE).toInstant();
    for (int week = 1; !dates.settlementDate(eurAt, "XK").equals(day); week++) {
      assertTrue(week < 10, "no day both settle on near " + saturday);
      irrAt = at(monday.plusWeeks(week), 10);
      day = dates.settlementDate(irrAt, "IR");
      eurAt = monday.plusWeeks(week).atTime(10, 0).atZone(BELGRADE).toInstant();
    }
    Payments.captured(
        Payments.facts(tehranShop, 4_430_000, "IRR", "ONLINE"), UUID.randomUUID(), irrAt);
    Payments.captured(
        Payments.facts(prishtinaShop, 40_461, "EUR", "SOFTPOS"), UUID.randomUUID(), eurAt);
    awaitBatch(tehranShop, 1);
    awaitBatch(prishtinaShop, 1);

    reconcile(day)
        .statusCode(200)
        .body("reconciled", equalTo(true))
        .body("batches", equalTo(2))
        .body("capturedAmount", nullValue())
        .body("totals.currency", contains("EUR", "IRR"))
        .body("totals.batches", contains(1, 1))
        .body("totals.capturedAmount", contains(40_461, 4_430_000))
        .body("totals.ledgerDebits", contains(40_461, 4_430_000))
        .body("totals.ledgerCredits", contains(40_461, 4_430_000))
        .body("checks.find { it.name == 'ledger-in-batch-currency' }.passed", equalTo(true));
  }

  @Test
  void aMerchantReadsOnlyItsOwnBatches() {
    Payments.captured(
        Payments.facts(merchantId, 70_000, "IRR", "ONLINE"), UUID.randomUUID(), at(saturday, 9));
    UUID batchId = awaitBatch(merchantId, 1);
    UUID other = UUID.randomUUID();

    given()
        .auth()
        .oauth2(TestTokens.merchant(merchantId))
        .get("/v1/settlement-batches/" + batchId)
        .then()
        .statusCode(200)
        .body("capturedAmount", equalTo(70_000));
    given()
        .auth()
        .oauth2(TestTokens.merchant(merchantId))
        .get("/v1/settlement-batches")
        .then()
        .statusCode(200)
        .body("merchantId", hasItem(merchantId.toString()))
        .body("findAll { it.merchantId != '" + merchantId + "' }", hasSize(0));
    given()
        .auth()
        .oauth2(TestTokens.merchant(other))
        .get("/v1/settlement-batches/" + batchId)
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(TestTokens.merchant(other))
        .get("/v1/settlement-batches/" + batchId + "/items")
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(TestTokens.merchant(other))
        .queryParam("merchantId", merchantId)
        .get("/v1/settlement-batches")
        .then()
        .statusCode(200)
        .body("", hasSize(0));
    given()
        .auth()
        .oauth2(TestTokens.merchant(merchantId))
        .contentType(ContentType.JSON)
        .body("{\"bankReference\":\"SATNA-79\"}")
        .post("/v1/settlement-batches/" + batchId + "/paid")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(TestTokens.token("merchant"))
        .get("/v1/settlement-batches")
        .then()
        .statusCode(403)
        .body("type", containsString("not-a-merchant-token"));
  }

  @Test
  void reconciliationNamesWhatDoesNotAddUp() {
    Payments.captured(
        Payments.facts(merchantId, 90_000, "IRR", "ONLINE"), UUID.randomUUID(), at(saturday, 9));
    UUID batchId = awaitBatch(merchantId, 1);
    JsonPath batch = getBatch(batchId);
    String date = batch.getString("settlementDate");
    String number = batch.getString("settlementNumber");
    reconcile(date).statusCode(200).body("reconciled", equalTo(true)).body("batches", equalTo(1));

    database.update(
        "update settlement_batch set fee_amount = fee_amount + 1 where id = ?", batchId);
    database.update(
        "insert into ledger_entry (posting, batch_id, merchant_id, account, currency, debit, credit,"
            + " created_at) values ('CAPTURE:forged', ?, ?, 'CLEARING', 'IRR', 5, 0, now())",
        batchId,
        merchantId);

    reconcile(date)
        .statusCode(200)
        .body("reconciled", equalTo(false))
        .body("checks.find { it.name == 'totals-match-lines' }.failures", hasItem(number))
        .body("checks.find { it.name == 'fees-match-ledger' }.failures", hasItem(number))
        .body("checks.find { it.name == 'ledger-balanced' }.failures", hasItem("CAPTURE:forged"))
        .body("checks.find { it.name == 'one-batch-per-payment' }.passed", equalTo(true));
    given().auth().oauth2(finance).get("/v1/reconciliation/2033-02-30").then().statusCode(400);
  }

  private void setContract(UUID merchant, String fees, String iban) {
    given()
        .auth()
        .oauth2(admin)
        .contentType(ContentType.JSON)
        .body(
            "{\"delayDays\":1,\"cutoff\":\"23:59\",\"fees\":["
                + fees
                + "],\"iban\":\""
                + iban
                + "\",\"accountHolder\":\"Ketab Shop Co\"}")
        .put("/v1/merchants/" + merchant + "/settlement-contract")
        .then()
        .statusCode(200)
        .body("iban", equalTo(iban.replace(" ", "")))
        .body("fees", hasSize(2));
  }

  private ValidatableResponse reconcile(Object settlementDate) {
    return given().auth().oauth2(finance).get("/v1/reconciliation/" + settlementDate).then();
  }

  private ValidatableResponse markPaid(Object batchId, String bankReference) {
    return given()
        .auth()
        .oauth2(finance)
        .contentType(ContentType.JSON)
        .body("{\"bankReference\":\"" + bankReference + "\"}")
        .post("/v1/settlement-batches/" + batchId + "/paid")
        .then();
  }

  private ValidatableResponse export(Object from, Object to, String currency, String format) {
    var request =
        given()
            .auth()
            .oauth2(finance)
            .queryParam("from", from.toString())
            .queryParam("to", to.toString());
    if (currency != null) {
      request.queryParam("currency", currency);
    }
    if (format != null) {
      request.queryParam("format", format);
    }
    return request.get("/v1/settlement-exports").then();
  }

  private static Instant at(LocalDate day, int hour) {
    return day.atTime(hour, 0).atZone(TEHRAN).toInstant();
  }

  private UUID awaitBatch(UUID merchant, int lines) {
    await()
        .atMost(Payments.TIMEOUT)
        .until(
            () ->
                database.count(
                        "select count(*) from settlement_item i join settlement_batch b on b.id = i.batch_id"
                            + " where b.merchant_id = ?",
                        merchant)
                    == lines);
    return UUID.fromString(
        given()
            .auth()
            .oauth2(finance)
            .queryParam("merchantId", merchant)
            .get("/v1/settlement-batches")
            .then()
            .statusCode(200)
            .body("", hasSize(1))
            .extract()
            .path("[0].batchId"));
  }

  private JsonPath getBatch(UUID batchId) {
    return given()
        .auth()
        .oauth2(finance)
        .get("/v1/settlement-batches/" + batchId)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Moves the merchant's cut-offs into the past, in date order; the closer does the rest. */
  private void close(UUID merchant) {
    database.update(
        "update settlement_batch set closes_at = settlement_date - interval '100 years'"
            + " where merchant_id = ? and status = 'OPEN'",
        merchant);
  }

  private void awaitStatus(UUID batchId, String status) {
    await()
        .atMost(Payments.TIMEOUT)
        .until(
            () ->
                database.count(
                        "select count(*) from settlement_batch where id = ? and status = '"
                            + status
                            + "'",
                        batchId)
                    == 1);
  }

  private long unbalancedPostings(UUID merchant) {
    return database.count(
        "select count(*) from (select posting from ledger_entry where merchant_id = ?"
            + " group by posting having sum(debit) <> sum(credit)) p",
        merchant);
  }

  private long ledgerCredits(UUID merchant, String account) {
    return database.count(
        "select coalesce(sum(credit), 0) from ledger_entry where merchant_id = ? and account = ?",
        merchant,
        account);
  }

  private static void validatePain001(String xml) throws Exception {
    var schema =
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
            .newSchema(FinanceResourceTest.class.getResource("/pain.001.001.09.xsd"));
    schema.newValidator().validate(new StreamSource(new StringReader(xml)));
  }
}
