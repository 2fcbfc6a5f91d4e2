package io.tasvie.settlement.calendar;

import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.IslamicCalendar;
import com.ibm.icu.util.TimeZone;
import java.time.LocalDate;

/**
 * Hijri (lunar) dates by ICU4J's Umm al-Qura calendar, at noon UTC so no zone shifts a day. The day
 * a country announces can differ by one; announced corrections move a holiday (see {@code
 * BusinessCalendar}).
 */
public final class Hijri {

  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  private Hijri() {}

  /**
   * @param month 1–12 (Muharram = 1)
   * @param day 1–30, or {@link #LAST_DAY}
   * @return the Gregorian day, or null when the month has fewer days
   */
  public static LocalDate toGregorian(int year, int month, int day) {
    IslamicCalendar islamic = calendar();
    islamic.set(year, month - 1, 1, 12, 0);
    int length = islamic.getActualMaximum(Calendar.DAY_OF_MONTH);
    if (day > length) {
      return null;
    }
    islamic.set(Calendar.DAY_OF_MONTH, day == LAST_DAY ? length : day);
    return gregorian(islamic.getTimeInMillis());
  }

  /** The last day of the month, 29 or 30. */
  public static final int LAST_DAY = 0;

  /** The Hijri year {@code date} falls in. */
  public static int yearOf(LocalDate date) {
    Calendar gregorian = Calendar.getInstance(UTC);
    gregorian.clear();
    gregorian.set(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth(), 12, 0);
    IslamicCalendar islamic = calendar();
    islamic.setTimeInMillis(gregorian.getTimeInMillis());
    return islamic.get(Calendar.YEAR);
  }

  private static IslamicCalendar calendar() {
    IslamicCalendar islamic = new IslamicCalendar(UTC);
    islamic.setCalculationType(IslamicCalendar.CalculationType.ISLAMIC_UMALQURA);
    islamic.clear();
    return islamic;
  }

  private static LocalDate gregorian(long millis) {
    Calendar gregorian = Calendar.getInstance(UTC);
    gregorian.setTimeInMillis(millis);
    return LocalDate.of(
        gregorian.get(Calendar.YEAR),
        gregorian.get(Calendar.MONTH) + 1,
        gregorian.get(Calendar.DAY_OF_MONTH));
  }
}
