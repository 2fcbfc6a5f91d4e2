package io.tasvie.settlement.calendar.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tasvie.settlement.calendar.Holiday;
import io.tasvie.settlement.calendar.Jalali;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rule-based holidays in years no file announces, checked by hand. Solar Hijri: Nowruz is the day
 * of the March equinox if it comes before noon in Tehran, else the next day (1406: equinox 20 March
 * 2027 23:55 Tehran, so the 21st; 1407: 20 March 2028 05:47, the 20th; 1408: 20 March 2029 11:32,
 * the 20th); Farvardin to Shahrivar have 31 days, Mehr to Bahman 30. Easter (Western / Orthodox):
 * 2027 28 March / 2 May, 2028 16 April (both), 2029 1 / 8 April. Lunar days are Umm al-Qura's as
 * published (Eid al-Fitr 9 March 2027, 26 February 2028, 14 February 2029; Eid al-Adha 68 or 69
 * days later).
 */
class HolidayRulesTest {

  @ParameterizedTest(name = "{0} {1} ({2}): {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // Iran 1406 (2027-03-21 to 2028-03-19), a year no file announces
        "IR | 2027-03-20 | 1405-12-29 | Oil Nationalisation Day",
        "IR | 2027-03-21 | 1406-01-01 | Nowruz",
        "IR | 2027-03-22 | 1406-01-02 | Nowruz",
        "IR | 2027-03-24 | 1406-01-04 | Nowruz",
        "IR | 2027-03-25 | 1406-01-05 | -",
        "IR | 2027-04-01 | 1406-01-12 | Islamic Republic Day",
        "IR | 2027-04-02 | 1406-01-13 | Nature Day (Sizdah Bedar) / Martyrdom of Imam Sadegh",
        "IR | 2027-05-16 | 1406-02-26 | Eid al-Adha",
        "IR | 2027-06-04 | 1406-03-14 | Death of Imam Khomeini",
        "IR | 2027-06-05 | 1406-03-15 | Khordad 15 uprising",
        "IR | 2027-06-15 | 1406-03-25 | Ashura",
        "IR | 2028-02-11 | 1406-11-22 | Revolution Day",
        "IR | 2028-02-26 | 1406-12-07 | Eid al-Fitr",
        "IR | 2028-02-27 | 1406-12-08 | Eid al-Fitr (2nd day)",
        "IR | 2028-03-19 | 1406-12-29 | Oil Nationalisation Day",
        // 1407 (2028-03-20 to 2029-03-19)
        "IR | 2028-03-20 | 1407-01-01 | Nowruz",
        "IR | 2028-03-21 | 1407-01-02 | Nowruz / Martyrdom of Imam Sadegh",
        "IR | 2028-03-23 | 1407-01-04 | Nowruz",
        "IR | 2028-03-24 | 1407-01-05 | -",
        "IR | 2028-03-31 | 1407-01-12 | Islamic Republic Day",
        "IR | 2028-04-01 | 1407-01-13 | Nature Day (Sizdah Bedar)",
        "IR | 2028-06-03 | 1407-03-14 | Death of Imam Khomeini / Ashura",
        "IR | 2028-06-04 | 1407-03-15 | Khordad 15 uprising",
        "IR | 2029-02-10 | 1407-11-22 | Revolution Day",
        "IR | 2029-02-14 | 1407-11-26 | Eid al-Fitr",
        "IR | 2029-03-19 | 1407-12-29 | Oil Nationalisation Day",
        // 1408 (2029-03-20 to 2030-03-20, a leap year: Esfand 30 is no holiday)
        "IR | 2029-03-20 | 1408-01-01 | Nowruz",
        "IR | 2029-03-23 | 1408-01-04 | Nowruz",
        "IR | 2029-03-31 | 1408-01-12 | Islamic Republic Day",
        "IR | 2029-04-01 | 1408-01-13 | Nature Day (Sizdah Bedar)",
        "IR | 2029-06-03 | 1408-03-14 | Death of Imam Khomeini",
        "IR | 2029-06-04 | 1408-03-15 | Khordad 15 uprising",
        "IR | 2030-02-10 | 1408-11-22 | Revolution Day",
        "IR | 2030-03-19 | 1408-12-29 | Oil Nationalisation Day",
        "IR | 2030-03-20 | 1408-12-30 | -",
        "IR | 2030-03-21 | 1409-01-01 | Nowruz",
        // Kosovo
        "XK | 2027-01-07 | - | Orthodox Christmas",
        "XK | 2027-02-17 | - | Independence Day",
        "XK | 2027-03-09 | - | Eid al-Fitr",
        "XK | 2027-03-29 | - | Catholic Easter Monday",
        "XK | 2027-05-03 | - | Orthodox Easter Monday",
        "XK | 2027-05-16 | - | Eid al-Adha",
        "XK | 2028-04-17 | - | Catholic Easter Monday / Orthodox Easter Monday",
        "XK | 2028-04-24 | - | -",
        "XK | 2029-04-02 | - | Catholic Easter Monday",
        "XK | 2029-04-09 | - | Constitution Day / Orthodox Easter Monday",
        "XK | 2029-12-25 | - | Catholic Christmas",
        // Denmark
        "DK | 2027-03-25 | - | Maundy Thursday",
        "DK | 2027-03-26 | - | Good Friday",
        "DK | 2027-03-29 | - | Easter Monday",
        "DK | 2027-05-06 | - | Ascension Day",
        "DK | 2027-05-07 | - | Bank holiday after Ascension Day",
        "DK | 2027-05-17 | - | Whit Monday",
        "DK | 2028-05-25 | - | Ascension Day",
        "DK | 2028-06-05 | - | Whit Monday / Constitution Day",
        "DK | 2029-05-10 | - | Ascension Day",
        "DK | 2029-05-21 | - | Whit Monday",
        "DK | 2029-12-26 | - | Second Day of Christmas",
        // Norway
        "NO | 2027-05-17 | - | Constitution Day / Whit Monday",
        "NO | 2028-04-13 | - | Maundy Thursday",
        "NO | 2028-05-26 | - | -",
        "NO | 2029-05-10 | - | Ascension Day",
        "NO | 2029-05-11 | - | -",
        "NO | 2029-12-31 | - | New Year's Eve",
        // Sweden: Midsummer Eve is the Friday from 19 June
        "SE | 2027-06-25 | - | Midsummer Eve",
        "SE | 2027-06-06 | - | National Day",
        "SE | 2028-04-14 | - | Good Friday",
        "SE | 2028-04-13 | - | -",
        "SE | 2028-06-23 | - | Midsummer Eve",
        "SE | 2029-01-06 | - | Epiphany",
        "SE | 2029-06-22 | - | Midsummer Eve",
      })
  void holidaysFollowTheirRulesEveryYear(
      String country, LocalDate day, String jalali, String names) {
    if (jalali != null) {
      assertEquals(jalali, Jalali.format(day));
    }
    List<String> found =
        HolidayRules.in(country, day.getYear()).stream()
            .filter(holiday -> holiday.day().equals(day))
            .peek(holiday -> assertEquals(Holiday.Source.RULE, holiday.source()))
            .map(Holiday::name)
            .toList();
    assertEquals(names == null ? List.of() : List.of(names.split(" / ")), found);
  }
}
