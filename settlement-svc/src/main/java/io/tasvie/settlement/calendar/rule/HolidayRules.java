package io.tasvie.settlement.calendar.rule;

import static java.time.DayOfWeek.FRIDAY;

import io.tasvie.settlement.calendar.Hijri;
import io.tasvie.settlement.calendar.Holiday;
import io.tasvie.settlement.calendar.rule.HolidayRule.Easter;
import io.tasvie.settlement.calendar.rule.HolidayRule.Fixed;
import io.tasvie.settlement.calendar.rule.HolidayRule.Lunar;
import io.tasvie.settlement.calendar.rule.HolidayRule.SolarHijri;
import io.tasvie.settlement.calendar.rule.HolidayRule.WeekdayFrom;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The holidays every year brings, per country: Iran's official solar and lunar holidays, and the
 * days Kosovo's, Denmark's, Norway's and Sweden's banks do not settle. Days a country announces for
 * one year only (or a lunar day announced differently) come from calendar files and admins.
 */
public final class HolidayRules {

  private static final List<HolidayRule> IR =
      List.of(
          new SolarHijri("nowruz", "Nowruz", 1, 1),
          new SolarHijri("nowruz-2", "Nowruz", 1, 2),
          new SolarHijri("nowruz-3", "Nowruz", 1, 3),
          new SolarHijri("nowruz-4", "Nowruz", 1, 4),
          new SolarHijri("islamic-republic-day", "Islamic Republic Day", 1, 12),
          new SolarHijri("nature-day", "Nature Day (Sizdah Bedar)", 1, 13),
          new SolarHijri("death-of-imam-khomeini", "Death of Imam Khomeini", 3, 14),
          new SolarHijri("khordad-15", "Khordad 15 uprising", 3, 15),
          new SolarHijri("revolution-day", "Revolution Day", 11, 22),
          new SolarHijri("oil-nationalisation-day", "Oil Nationalisation Day", 12, 29),
          new Lunar("tasua", "Tasua", 1, 9),
          new Lunar("ashura", "Ashura", 1, 10),
          new Lunar("arbaeen", "Arbaeen", 2, 20),
          new Lunar("demise-of-the-prophet", "Demise of the Prophet and Imam Hasan", 2, 28),
          new Lunar("martyrdom-of-imam-reza", "Martyrdom of Imam Reza", 2, Hijri.LAST_DAY),
          new Lunar("martyrdom-of-imam-hasan-askari", "Martyrdom of Imam Hasan Askari", 3, 8),
          new Lunar("birth-of-the-prophet", "Birth of the Prophet", 3, 17),
          new Lunar("martyrdom-of-fatima", "Martyrdom of Fatima", 6, 3),
          new Lunar("birth-of-imam-ali", "Birth of Imam Ali", 7, 13),
          new Lunar("mabath", "Mab'ath", 7, 27),
          new Lunar("birth-of-imam-mahdi", "Birth of Imam Mahdi", 8, 15),
          new Lunar("martyrdom-of-imam-ali", "Martyrdom of Imam Ali", 9, 21),
          new Lunar("eid-al-fitr", "Eid al-Fitr", 10, 1),
          new Lunar("eid-al-fitr-2", "Eid al-Fitr (2nd day)", 10, 2),
          new Lunar("martyrdom-of-imam-sadegh", "Martyrdom of Imam Sadegh", 10, 25),
          new Lunar("eid-al-adha", "Eid al-Adha", 12, 10),
          new Lunar("eid-al-ghadir", "Eid al-Ghadir", 12, 18));

  private static final List<HolidayRule> XK =
      List.of(
          fixed("new-year", "New Year's Day", 1, 1),
          fixed("new-year-2", "New Year's Day (2nd day)", 1, 2),
          fixed("orthodox-christmas", "Orthodox Christmas", 1, 7),
          fixed("independence-day", "Independence Day", 2, 17),
          new Easter("catholic-easter-monday", "Catholic Easter Monday", 1, false),
          fixed("constitution-day", "Constitution Day", 4, 9),
          new Easter("orthodox-easter-monday", "Orthodox Easter Monday", 1, true),
          fixed("labour-day", "Labour Day", 5, 1),
          fixed("europe-day", "Europe Day", 5, 9),
          fixed("catholic-christmas", "Catholic Christmas", 12, 25),
          new Lunar("eid-al-fitr", "Eid al-Fitr", 10, 1),
          new Lunar("eid-al-adha", "Eid al-Adha", 12, 10));

  private static final List<HolidayRule> DK =
      List.of(
          fixed("new-year", "New Year's Day", 1, 1),
          new Easter("maundy-thursday", "Maundy Thursday", -3, false),
          new Easter("good-friday", "Good Friday", -2, false),
          new Easter("easter-monday", "Easter Monday", 1, false),
          new Easter("ascension-day", "Ascension Day", 39, false),
          new Easter("day-after-ascension", "Bank holiday after Ascension Day", 40, false),
          new Easter("whit-monday", "Whit Monday", 50, false),
          fixed("constitution-day", "Constitution Day", 6, 5),
          fixed("christmas-eve", "Christmas Eve", 12, 24),
          fixed("christmas-day", "Christmas Day", 12, 25),
          fixed("boxing-day", "Second Day of Christmas", 12, 26),
          fixed("new-years-eve", "New Year's Eve", 12, 31));

  private static final List<HolidayRule> NO =
      List.of(
          fixed("new-year", "New Year's Day", 1, 1),
          new Easter("maundy-thursday", "Maundy Thursday", -3, false),
          new Easter("good-friday", "Good Friday", -2, false),
          new Easter("easter-monday", "Easter Monday", 1, false),
          fixed("labour-day", "Labour Day", 5, 1),
          fixed("constitution-day", "Constitution Day", 5, 17),
          new Easter("ascension-day", "Ascension Day", 39, false),
          new Easter("whit-monday", "Whit Monday", 50, false),
          fixed("christmas-eve", "Christmas Eve", 12, 24),
          fixed("christmas-day", "Christmas Day", 12, 25),
          fixed("boxing-day", "Second Day of Christmas", 12, 26),
          fixed("new-years-eve", "New Year's Eve", 12, 31));

  private static final List<HolidayRule> SE =
      List.of(
          fixed("new-year", "New Year's Day", 1, 1),
          fixed("epiphany", "Epiphany", 1, 6),
          new Easter("good-friday", "Good Friday", -2, false),
          new Easter("easter-monday", "Easter Monday", 1, false),
          fixed("may-day", "May Day", 5, 1),
          new Easter("ascension-day", "Ascension Day", 39, false),
          fixed("national-day", "National Day", 6, 6),
          new WeekdayFrom("midsummer-eve", "Midsummer Eve", MonthDay.of(6, 19), FRIDAY),
          fixed("christmas-eve", "Christmas Eve", 12, 24),
          fixed("christmas-day", "Christmas Day", 12, 25),
          fixed("boxing-day", "Second Day of Christmas", 12, 26),
          fixed("new-years-eve", "New Year's Eve", 12, 31));

  private static final Map<String, List<HolidayRule>> BY_COUNTRY =
      Map.of("IR", IR, "XK", XK, "DK", DK, "NO", NO, "SE", SE);

  private HolidayRules() {}

  /** The rule-based holidays of {@code country} in Gregorian {@code year}, by day. */
  public static List<Holiday> in(String country, int year) {
    List<Holiday> holidays = new ArrayList<>();
    for (HolidayRule rule : of(country)) {
      for (LocalDate day : rule.daysIn(year)) {
        holidays.add(new Holiday(day, rule.name(), Holiday.Source.RULE, rule.id()));
      }
    }
    // Stable: on a day with two holidays, the one listed first above is named first.
    holidays.sort(Comparator.comparing(Holiday::day));
    return holidays;
  }

  public static List<HolidayRule> of(String country) {
    return BY_COUNTRY.getOrDefault(country, List.of());
  }

  public static Optional<HolidayRule> rule(String country, String id) {
    return of(country).stream().filter(rule -> rule.id().equals(id)).findFirst();
  }

  private static Fixed fixed(String id, String name, int month, int day) {
    return new Fixed(id, name, MonthDay.of(month, day));
  }
}
