package io.tasvie.settlement.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HolidayFileTest {

  @ParameterizedTest(name = "{0}-{1}-{2} = {3}")
  @CsvSource({
    "1405, 1, 1, 2026-03-21", // Nowruz
    "1404, 1, 1, 2025-03-21",
    "1405, 9, 4, 2026-11-25",
    "1403, 12, 30, 2025-03-20", // 1403 is a leap year
    "1405, 11, 22, 2027-02-11", // Revolution Day
  })
  void jalaliDatesConvertByIcu(int year, int month, int day, String gregorian) {
    LocalDate date = Jalali.toGregorian(year, month, day);
    assertEquals(LocalDate.parse(gregorian), date);
    assertEquals(String.format("%04d-%02d-%02d", year, month, day), Jalali.format(date));
  }

  @Test
  void solarHijriLinesBecomeGregorianDays() {
    List<HolidayFile.Entry> entries =
        HolidayFile.parse("IR", "1405", "# comment\n01-01 Nowruz\n\n11-22 Revolution Day\n");
    assertEquals(
        List.of(
            new HolidayFile.Entry(LocalDate.of(2026, 3, 21), "Nowruz", null),
            new HolidayFile.Entry(LocalDate.of(2027, 2, 11), "Revolution Day", null)),
        entries);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "IR | 1404 | 12-30 Not in a common year | line 1",
        "IR | 1405 | 13-01 No such month | line 1",
        "IR | 1405 | 01-01 Nowruz\\n1-2 Short | line 2",
        "XK | 2026 | 2026-02-30 No such day | line 1",
        "XK | 2026 | 2025-12-25 Wrong year | line 1",
        "XK | 2026 | Christmas | line 1",
      })
  void aMalformedDateNamesItsFileAndLine(String country, String year, String text, String where) {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> HolidayFile.parse(country, year, text.replace("\\n", "\n")));
    assertTrue(
        error.getMessage().startsWith(country + "/" + year + " " + where), error.getMessage());
  }

  @Test
  void anAnnouncedDayNamesTheRuleWhoseDayItReplaces() {
    assertEquals(
        List.of(
            new HolidayFile.Entry(
                LocalDate.of(2031, 1, 25), "Eid al-Fitr (as announced)", "eid-al-fitr"),
            new HolidayFile.Entry(LocalDate.of(2031, 1, 30), "Day of mourning", null)),
        HolidayFile.parse(
            "IR",
            "1409",
            "11-05 Eid al-Fitr (as announced) moves=eid-al-fitr\n11-10 Day of mourning"));
    assertEquals(
        List.of(new HolidayFile.Entry(LocalDate.of(2031, 4, 3), "Eid al-Adha", "eid-al-adha")),
        HolidayFile.parse("XK", "2031", "2031-04-03 Eid al-Adha moves=eid-al-adha"));
  }
}
