package io.tasvie.settlement.batch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.tasvie.settlement.calendar.Jalali;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DatTasvie by hand-checked cases: T+1 business day, cut-off 23:59 local, Iran's Friday weekend and
 * holidays (Nowruz), Kosovo's Saturday–Sunday weekend and holidays (Easter Monday).
 */
@QuarkusTest
class SettlementDatesTest {

  @Inject SettlementDates dates;

  @ParameterizedTest(name = "{0} {1} captured {2} → {3} ({4})")
  @CsvSource({
    // country, why, captured at (UTC), settlement date, its Jalali date
    "IR, Wednesday morning → Thursday, 2026-11-25T06:30:00Z, 2026-11-26, 1405-09-05",
    "IR, Thursday → Saturday over Friday, 2026-11-26T06:30:00Z, 2026-11-28, 1405-09-07",
    "IR, Wednesday 23:59:30 Tehran is after the cut-off, 2026-11-25T20:29:30Z, 2026-11-28, 1405-09-07",
    "IR, Wednesday 23:58 Tehran is before it, 2026-11-25T20:28:00Z, 2026-11-26, 1405-09-05",
    "IR, captured on a Friday counts from Saturday, 2026-11-27T08:00:00Z, 2026-11-29, 1405-09-08",
    "IR, Thursday before Nowruz → after the four days of Nowruz, 2026-03-19T06:30:00Z, 2026-03-25, 1405-01-05",
    "IR, Revolution Day eve, 2027-02-10T06:30:00Z, 2027-02-13, 1405-11-24",
    "XK, Friday → Tuesday over the weekend and Easter Monday, 2026-04-03T08:00:00Z, 2026-04-07, 1405-01-18",
    "XK, Friday 23:59:30 Belgrade → Tuesday, 2026-11-27T22:59:30Z, 2026-12-01, 1405-09-10",
    "XK, Tuesday → Wednesday, 2026-11-24T10:00:00Z, 2026-11-25, 1405-09-04",
    "DK, Wednesday → Monday over Ascension and the bank holiday after it, 2026-05-13T08:00:00Z, 2026-05-18, 1405-02-28",
    "SE, Thursday → Monday over Midsummer Eve, 2026-06-18T08:00:00Z, 2026-06-22, 1405-04-01",
    "NO, Wednesday → Monday over Christmas, 2026-12-23T08:00:00Z, 2026-12-28, 1405-10-07",
  })
  void settlementDates(
      String country, String why, String capturedAt, String expected, String jalali) {
    LocalDate date = dates.settlementDate(Instant.parse(capturedAt), country);
    assertEquals(LocalDate.parse(expected), date, why);
    assertEquals(jalali, Jalali.format(date));
  }
}
