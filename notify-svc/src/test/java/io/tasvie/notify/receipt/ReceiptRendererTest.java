package io.tasvie.notify.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tasvie.notify.receipt.Receipt.TransactionType;
import io.tasvie.notify.sms.SmsText;
import io.tasvie.notify.sms.SmsText.Encoding;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Receipts in every language, from the Qute templates, within SMS sizes, never a full PAN. */
@QuarkusTest
class ReceiptRendererTest {

  @Inject ReceiptRenderer renderer;

  private static Receipt purchase(String merchant, long amount, String currency, String card) {
    return new Receipt(
        merchant,
        "TM000016",
        Instant.parse("2026-11-25T08:30:00Z"),
        ZoneId.of("Asia/Tehran"),
        amount,
        currency,
        card,
        "VISA",
        TransactionType.PURCHASE,
        "012345",
        "257991144702",
        LocalDate.parse("2026-11-26"));
  }

  @Test
  void persianReceiptsUsePersianDigitsAndTheJalaliDate() {
    SmsText sms = renderer.render(purchase("کتاب‌فروشی", 120_000, "IRR", "400609******0007"), "fa");
    assertTrue(sms.text().contains("خرید ۱۲۰٬۰۰۰ IRR"), sms.text());
    assertTrue(sms.text().contains("۱۴۰۵"), sms.text()); // Solar Hijri year of 2026-11-25
    assertTrue(sms.text().contains("۰۱۲۳۴۵"), sms.text()); // auth code, leading zero kept
    assertFalse(sms.text().matches("(?s).*[0-9].*"), sms.text());
    assertEquals(Encoding.UCS_2, sms.encoding());
    assertTrue(sms.segments() <= 3, sms.toString());
  }

  @Test
  void englishReceiptsFitOneGsmMessage() {
    SmsText sms = renderer.render(purchase("Ketab Shop", 120_000, "IRR", "400609******0007"), "en");
    assertEquals(
        """
        Ketab Shop
        Purchase 120,000 IRR
        VISA 400609******0007
        Terminal TM000016, 25/11/2026, 12:00
        Auth 012345, RRN 257991144702
        Settles 26/11/2026""",
        sms.text());
    assertEquals(Encoding.GSM_7, sms.encoding());
    assertEquals(1, sms.segments());
  }

  @Test
  void everyLanguageRendersWithItsOwnNumbers() {
    Receipt euros = purchase("Dyqani", 1_250, "EUR", "************0007");
    assertTrue(renderer.render(euros, "sq").text().contains("Blerje 12,50 EUR"));
    assertTrue(renderer.render(euros, "sv").text().contains("Köp 12,50 EUR"));
    assertTrue(renderer.render(euros, "nb").text().contains("Kjøp 12,50 EUR"));
    assertTrue(renderer.render(euros, "da").text().contains("Køb 12,50 EUR"));
    SmsText greek = renderer.render(euros, "el");
    assertTrue(greek.text().contains("Αγορά 12,50 EUR"), greek.text());
    assertEquals(Encoding.UCS_2, greek.encoding());
  }

  @Test
  void amountsOfAThousandOrMoreGroupedWithANoBreakSpaceStayGsm7InOneSegment() {
    Receipt large = purchase("Dyqani", 123_456, "EUR", "400609******0007");
    for (String language : java.util.List.of("sq", "sv", "nb")) { // ICU groups with U+00A0
      SmsText sms = renderer.render(large, language);
      assertTrue(sms.text().contains(" 1 234,56 EUR"), sms.text());
      assertFalse(sms.text().contains("\u00a0"), sms.text());
      assertEquals(Encoding.GSM_7, sms.encoding(), language);
      assertEquals(1, sms.segments(), language);
    }
  }

  @Test
  void aFullCardNumberOrAnUnknownLanguageIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> renderer.render(purchase("Ketab", 1_000, "IRR", "4006091234560007"), "en"));
    assertThrows(
        IllegalArgumentException.class,
        () -> renderer.render(purchase("Ketab", 1_000, "IRR", "400609******0007"), "xx"));
  }

  @Test
  void aMerchantNameCannotForgeLinesOfTheReceipt() {
    SmsText sms =
        renderer.render(
            purchase("Ketab\r\nRefund 9,999,999 IRR<b>", 1_000, "IRR", "400609******0007"), "en");
    assertTrue(
        sms.text().startsWith("Ketab  Refund 9,999,999 IRR<b>\nPurchase 1,000 IRR"), sms.text());
  }
}
