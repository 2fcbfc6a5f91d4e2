package io.tasvie.terminal.valueadded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tasvie.common.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bill and payment IDs against a table computed by hand (mod 11, weights 2..7 from the right),
 * outside this code; the first row is a published real bill.
 */
class BillTest {

  @ParameterizedTest
  @CsvSource({
    "1117753200140, 12070160, FIXED_PHONE, 120000",
    "5042859575768, 12050210, MUNICIPALITY, 120000",
    "4799252753691, 12050996, TRAFFIC_FINES, 120000",
    "1022121676181, 7750702, TAX, 77000",
    "4000267671928, 7750105, ELECTRICITY, 77000",
    "9648738649748, 12051023, FIXED_PHONE, 120000",
    "6909848565156, 2350166, MOBILE, 23000",
    "4966948781529, 150050924, ELECTRICITY, 1500000",
    "9195848384419, 150050250, WATER, 1500000",
    "2844112455486, 4550911, TAX, 45000",
    "5279553247791, 7750610, TRAFFIC_FINES, 77000",
    "9990000001220, 25050371, ELECTRICITY, 250000"
  })
  void validBillsTellTheirBillerAndAmount(
      String billId, String paymentId, BillType type, long amount) {
    Bill bill = Bill.parse(billId, paymentId);
    assertEquals(type, bill.type());
    assertEquals(amount, bill.amount());
    assertEquals(billId + "/" + paymentId, bill.reference());
  }

  @ParameterizedTest
  @CsvSource({
    "5042859575767, 12050210, invalid-bill-id", // bill check digit off by one
    "1117753200141, 12070160, invalid-bill-id",
    "50428595757A8, 12050210, invalid-bill-id", // a letter
    "12345, 12050210, invalid-bill-id", // too short
    "12345678901234, 12050210, invalid-bill-id", // too long
    "3158492450670, 12051022, invalid-bill-id", // type digit 7: no biller
    "8361117831479, 98050447, invalid-bill-id", // type digit 7
    "5042859575768, 12050211, invalid-payment-id", // second check digit
    "5042859575768, 12050200, invalid-payment-id", // first check digit
    "1117753200140, 12070161, invalid-payment-id",
    "5042859575768, 12070160, invalid-payment-id", // another bill's payment ID
    "1117753200140, 1207016X, invalid-payment-id",
    "1117753200140, 12345, invalid-payment-id"
  })
  void invalidBillsAreRefusedNamingTheWrongId(String billId, String paymentId, String problem) {
    ProblemException refused =
        assertThrows(ProblemException.class, () -> Bill.parse(billId, paymentId));
    assertEquals(problem, refused.type());
  }

  @Test
  void theBarcodeIsBothIdsPaddedTo13Digits() {
    Bill bill = Bill.parseBarcode("11177532001400000012070160");
    assertEquals("1117753200140", bill.billId());
    assertEquals("12070160", bill.paymentId());
    assertEquals(120000, bill.amount());
    assertEquals(
        "invalid-barcode",
        assertThrows(ProblemException.class, () -> Bill.parseBarcode("1117753200140")).type());
    assertEquals(
        "invalid-payment-id",
        assertThrows(ProblemException.class, () -> Bill.parseBarcode("11177532001400000012070161"))
            .type());
  }

  @Test
  void theCheckDigitIsElevenMinusTheRemainderOrZero() {
    // From the right: 4*2 + 1*3 + 0*4 + 0*5 + 2*6 + 3*7 + 5*2 + 7*3 + 7*4 + 1*5 + 1*6 + 1*7 = 121,
    // 121 mod 11 = 0, so the check digit is 0 (a remainder of 0 or 1 gives 0).
    assertEquals(0, Bill.checkDigit("111775320014"));
    assertEquals(0, Bill.checkDigit("0")); // remainder 0
    assertEquals(9, Bill.checkDigit("1")); // 1*2 = 2, 11 - 2
  }
}
