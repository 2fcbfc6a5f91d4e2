package io.tasvie.notify.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tasvie.notify.phone.PhoneNumbers.Refusal;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

  @ParameterizedTest(name = "{1} typed in {0} is {2}")
  @CsvSource({
    "XK, 383 44 123 456, +38344123456",
    "XK, +383 44 123 456, +38344123456",
    "XK, 044 123 456, +38344123456",
    "XK, 383-49-123-456, +38349123456",
    "IR, 0912 345 6789, +989123456789",
    "IR, ۰۹۱۲۳۴۵۶۷۸۹, +989123456789",
    "IR, +98 912 345 6789, +989123456789",
    "IR, (0912) 345-6789, +989123456789",
    "SE, 070-123 45 67, +46701234567",
  })
  void acceptsWhatCashiersType(String region, String typed, String e164) {
    assertEquals(e164, PhoneNumbers.mobile(typed, region, Set.of()).e164());
  }

  @ParameterizedTest(name = "{1} typed in {0} is refused: {2}")
  @CsvSource({
    "XK, 383 44 ABC 456, NOT_A_NUMBER",
    "XK, 'javascript:alert(1)', NOT_A_NUMBER",
    "IR, '0912 345 6789\r\nBcc: x', NOT_A_NUMBER",
    "XK, 044 12, INVALID",
    "IR, 0912, INVALID",
    "IR, 021 8888 8888, NOT_MOBILE",
    "XK, 038 200 100, NOT_MOBILE",
    "XK, +98 912 345 6789, OTHER_COUNTRY",
    "IR, '', NOT_A_NUMBER",
  })
  void refusesWhatCannotReceiveAnSms(String region, String typed, Refusal refusal) {
    PhoneNumbers.Result result = PhoneNumbers.mobile(typed, region, Set.of());
    assertEquals(null, result.e164());
    assertEquals(refusal, result.refusal());
  }

  @org.junit.jupiter.api.Test
  void aServedCountrysNumbersAreAccepted() {
    assertEquals(
        "+989123456789", PhoneNumbers.mobile("+98 912 345 6789", "XK", Set.of("IR")).e164());
  }
}
