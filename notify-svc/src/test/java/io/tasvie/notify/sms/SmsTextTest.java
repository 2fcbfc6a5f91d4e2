package io.tasvie.notify.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tasvie.notify.sms.SmsText.Encoding;
import org.junit.jupiter.api.Test;

class SmsTextTest {

  @Test
  void latinTextIsGsm7AndFitsOneMessageUpTo160Septets() {
    SmsText text = SmsText.of("a".repeat(160));
    assertEquals(Encoding.GSM_7, text.encoding());
    assertEquals(1, text.segments());
    assertEquals(2, SmsText.of("a".repeat(161)).segments()); // 153 + 8
    assertEquals(3, SmsText.of("a".repeat(307)).segments()); // 153 + 153 + 1
  }

  @Test
  void extensionCharactersTakeTwoSeptetsAndAreNeverSplit() {
    assertEquals(2, SmsText.of("€").units());
    SmsText euro = SmsText.of("Total: 12,50 € [Prishtina]");
    assertEquals(Encoding.GSM_7, euro.encoding());
    assertEquals(29, euro.units()); // 26 characters, of which €, [ and ] take two septets
    assertEquals(1, SmsText.of("a".repeat(158) + "€").segments()); // 160 septets
    // 152 septets, then € (2) would straddle the first segment's end: it opens the second.
    SmsText straddling = SmsText.of("a".repeat(152) + "€" + "a".repeat(10));
    assertEquals(164, straddling.units());
    assertEquals(2, straddling.segments());
  }

  @Test
  void persianGreekOrAlbanianëNeedUcs2() {
    assertEquals(Encoding.UCS_2, SmsText.of("مبلغ ۱۲۰٬۰۰۰ ریال").encoding());
    assertEquals(Encoding.UCS_2, SmsText.of("Ποσό 12,50 €").encoding()); // Greek lower case
    assertEquals(Encoding.UCS_2, SmsText.of("Faleminderit, Prishtinë").encoding()); // ë is not GSM
    assertEquals(Encoding.GSM_7, SmsText.of("Tack! Belopp: 125,00 SEK, Göteborg").encoding());
  }

  @Test
  void groupingSeparatorsOutsideGsm7BecomePlainSpacesWhereThatKeepsTheNumberGsm7() {
    assertEquals("1 234,56", SmsText.withGsmSeparators("1\u00a0234,56", '\u00a0')); // sq, sv, nb
    assertEquals("1 234,56", SmsText.withGsmSeparators("1\u202f234,56", '\u202f')); // fr
    assertEquals("1.234,56", SmsText.withGsmSeparators("1.234,56", '.')); // da, el: GSM already
    assertEquals("۱٬۲۳۴", SmsText.withGsmSeparators("۱٬۲۳۴", '٬')); // Persian digits: UCS-2 anyway
    String receipt = "Blerje " + SmsText.withGsmSeparators("1\u00a0234,56", '\u00a0') + " EUR";
    assertEquals(Encoding.GSM_7, SmsText.of(receipt).encoding());
    assertEquals(Encoding.UCS_2, SmsText.of("Blerje 1\u00a0234,56 EUR").encoding());
  }

  @Test
  void ucs2FitsSeventyUnitsThenSegmentsOf67WithoutSplittingSurrogates() {
    assertEquals(1, SmsText.of("ب".repeat(70)).segments());
    assertEquals(2, SmsText.of("ب".repeat(71)).segments());
    SmsText emoji = SmsText.of("ب".repeat(66) + "😀"); // 66 + a pair would straddle 67
    assertEquals(68, emoji.units());
    assertEquals(1, emoji.segments()); // 68 <= 70: still one message
    SmsText longer = SmsText.of("ب".repeat(66) + "😀" + "ب".repeat(10));
    assertEquals(78, longer.units());
    assertEquals(2, longer.segments());
  }
}
