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
    // Years no calendar file announces: rule-based holidays only.
    "IR, Thursday before Nowruz 1406 → Thursday after it, 2027-03-18T06:30:00Z, 2027-03-25, 1406-01-05",
    "IR, Wednesday → Saturday over Islamic Republic Day and Sizdah Bedar 1406, 2027-03-31T06:30:00Z, 2027-04-03, 1406-01-14",
    "IR, Saturday before 29 Esfand and Nowruz 1407, 2028-03-18T06:30:00Z, 2028-03-25, 1407-01-06",
    "IR, Sunday before 29 Esfand and Nowruz 1408, 2029-03-18T06:30:00Z, 2029-03-24, 1408-01-05",
    "XK, Friday before Orthodox Easter Monday 2027, 2027-04-30T08:00:00Z, 2027-05-04, 1406-02-14",
    "XK, Friday before both Easter Mondays 2028, 2028-04-14T08:00:00Z, 2028-04-18, 1407-01-30",
    "DK, Friday before Whit Monday and Constitution Day 2028, 2028-06-02T08:00:00Z, 2028-06-06, 1407-03-17",
    "NO, Wednesday before Ascension 2029, 2029-05-09T08:00:00Z, 2029-05-11, 1408-02-22",
    "SE, Thursday before Midsummer Eve 2027, 2027-06-24T08:00:00Z, 2027-06-28, 1406-04-07",
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
