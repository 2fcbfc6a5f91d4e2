package io.tasvie.settlement.calendar.rule;

import com.ibm.icu.util.EasterHoliday;
import io.tasvie.settlement.calendar.Hijri;
import io.tasvie.settlement.calendar.Jalali;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** How a holiday that recurs every year finds its days in a Gregorian year. */
public sealed interface HolidayRule {

  /** Stable and unique within a country, e.g. {@code eid-al-fitr}: what an announcement moves. */
  String id();

  String name();

  /** The days in Gregorian {@code year}: usually one; a lunar holiday can fall twice or not. */
  List<LocalDate> daysIn(int year);

  /** The same Gregorian day every year. */
  record Fixed(String id, String name, MonthDay day) implements HolidayRule {
    @Override
    public List<LocalDate> daysIn(int year) {
      return List.of(day.atYear(year));
    }
  }

  /** The first {@code weekday} on or after a day, e.g. Midsummer Eve: the Friday from 19 June. */
  record WeekdayFrom(String id, String name, MonthDay from, DayOfWeek weekday)
      implements HolidayRule {
    @Override
    public List<LocalDate> daysIn(int year) {
      return List.of(from.atYear(year).with(TemporalAdjusters.nextOrSame(weekday)));
    }
  }

  /**
   * Days after Western or Orthodox Easter, by ICU4J's {@link EasterHoliday} (each rule has its own:
   * ICU's rule keeps a calendar of its own that is not safe to share between threads).
   */
  record Easter(String id, String name, int daysAfter, boolean orthodox, EasterHoliday holiday)
      implements HolidayRule {

    public Easter(String id, String name, int daysAfter, boolean orthodox) {
      this(id, name, daysAfter, orthodox, new EasterHoliday(daysAfter, orthodox, name));
    }

    @Override
    public List<LocalDate> daysIn(int year) {
      // ICU reads and answers dates at midnight in the JVM's default zone.
      ZoneId zone = ZoneId.systemDefault();
      Date start = Date.from(LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant());
      Date end = Date.from(LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant());
      Date day;
      synchronized (holiday) {
        day = holiday.firstBetween(start, end);
      }
      return day == null ? List.of() : List.of(day.toInstant().atZone(zone).toLocalDate());
    }
  }

  /** A Solar Hijri (Jalali) day, e.g. Nowruz on 1 Farvardin. */
  record SolarHijri(String id, String name, int month, int day) implements HolidayRule {
    @Override
    public List<LocalDate> daysIn(int year) {
      // A Gregorian year holds the end of one Solar Hijri year and the start of the next.
      List<LocalDate> days = new ArrayList<>(1);
      for (int solarYear = year - 622; solarYear <= year - 621; solarYear++) {
        LocalDate date = Jalali.toGregorian(solarYear, month, day);
        if (date.getYear() == year) {
          days.add(date);
        }
      }
      return days;
    }
  }

  /** A Hijri (lunar) day, by Umm al-Qura; {@code day} {@link Hijri#LAST_DAY} for a month's last. */
  record Lunar(String id, String name, int month, int day) implements HolidayRule {
    @Override
    public List<LocalDate> daysIn(int year) {
      // 354 or 355 days a year: a Gregorian year touches two or three Hijri years.
      List<LocalDate> days = new ArrayList<>(2);
      int last = Hijri.yearOf(LocalDate.of(year, 12, 31));
      for (int lunarYear = Hijri.yearOf(LocalDate.of(year, 1, 1)); lunarYear <= last; lunarYear++) {
        LocalDate date = Hijri.toGregorian(lunarYear, month, day);
        if (date != null && date.getYear() == year) {
          days.add(date);
        }
      }
      return days;
    }
  }
}
