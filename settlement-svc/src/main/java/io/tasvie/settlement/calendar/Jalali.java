package io.tasvie.settlement.calendar;

import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.PersianCalendar;
import com.ibm.icu.util.TimeZone;
import java.time.LocalDate;

/** Solar Hijri (Jalali) dates by ICU4J's Persian calendar, at noon UTC so no zone shifts a day. */
public final class Jalali {

  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  private Jalali() {}

  /**
   * @param month 1–12 (Farvardin = 1)
   * @throws IllegalArgumentException if the day does not exist in that month and year
   */
  public static LocalDate toGregorian(int year, int month, int day) {
    PersianCalendar persian = new PersianCalendar(UTC);
    persian.setLenient(false);
    persian.clear();
    persian.set(year, month - 1, day, 12, 0);
    try {
      persian.getTimeInMillis();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          String.format("%04d-%02d-%02d is not a Solar Hijri date", year, month, day), e);
    }
    Calendar gregorian = Calendar.getInstance(UTC);
    gregorian.setTimeInMillis(persian.getTimeInMillis());
    return LocalDate.of(
        gregorian.get(Calendar.YEAR),
        gregorian.get(Calendar.MONTH) + 1,
        gregorian.get(Calendar.DAY_OF_MONTH));
  }

  /** e.g. {@code 1405-09-07} for 2026-11-28. */
  public static String format(LocalDate date) {
    Calendar gregorian = Calendar.getInstance(UTC);
    gregorian.clear();
    gregorian.set(date.getYear(), date.getMonthValue() - 1, date.getDayOfMonth(), 12, 0);
    PersianCalendar persian = new PersianCalendar(UTC);
    persian.setTimeInMillis(gregorian.getTimeInMillis());
    return String.format(
        "%04d-%02d-%02d",
        persian.get(Calendar.YEAR),
        persian.get(Calendar.MONTH) + 1,
        persian.get(Calendar.DAY_OF_MONTH));
  }
}
