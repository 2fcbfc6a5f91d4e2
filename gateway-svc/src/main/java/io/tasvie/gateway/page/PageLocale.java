package io.tasvie.gateway.page;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import io.tasvie.common.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * The page's language: Persian (right to left, Persian digits, Jalali calendar) or English
 * (Gregorian). Chosen by a {@code lang} parameter, else {@code Accept-Language}, else Persian for
 * rial payments. Times are shown in the merchant's zone, named, in either language.
 */
public enum PageLocale {
  FA("fa", "rtl", new ULocale("fa_IR@calendar=persian")),
  EN("en", "ltr", new ULocale("en_GB"));

  private final String tag;
  private final String direction;
  private final ULocale locale;

  // ICU formats are costly to build and not thread-safe: one per event-loop thread.
  private final ThreadLocal<NumberFormat> numbers;
  private final ThreadLocal<DateFormat> dates;

  PageLocale(String tag, String direction, ULocale locale) {
    this.tag = tag;
    this.direction = direction;
    this.locale = locale;
    this.numbers = ThreadLocal.withInitial(() -> NumberFormat.getInstance(locale));
    this.dates =
        ThreadLocal.withInitial(
            () -> DateFormat.getDateTimeInstance(DateFormat.LONG, DateFormat.SHORT, locale));
  }

  public static PageLocale choose(String lang, List<Locale> acceptable, String currency) {
    if (lang != null) {
      for (PageLocale candidate : values()) {
        if (candidate.tag.equalsIgnoreCase(lang)) {
          return candidate;
        }
      }
    }
    for (Locale wanted : acceptable) {
      for (PageLocale candidate : values()) {
        if (candidate.tag.equals(wanted.getLanguage())) {
          return candidate;
        }
      }
    }
    return "IRR".equals(currency) ? FA : EN;
  }

  public String tag() {
    return tag;
  }

  public String direction() {
    return direction;
  }

  public Locale locale() {
    return locale.toLocale();
  }

  /** e.g. {@code ۱۲۰٬۰۰۰ ریال} or {@code 12.50 EUR}. */
  public String money(long minor, String currency) {
    NumberFormat number = numbers.get();
    int exponent = Money.exponent(Money.currency(currency));
    number.setMinimumFractionDigits(exponent);
    number.setMaximumFractionDigits(exponent);
    String unit = this == FA && "IRR".equals(currency) ? "ریال" : currency;
    return number.format(BigDecimal.valueOf(minor, exponent)) + " " + unit;
  }

  /**
   * e.g. {@code 7 December 2026 at 12:33 (Iran Standard Time)} or {@code ۱۶ آذر ۱۴۰۵ ساعت ۱۲:۳۳
   * (وقت عادی ایران)}: the time in {@code zone}, and the zone's name in this language.
   */
  public String dateTime(Instant instant, ZoneId zone) {
    TimeZone timeZone = TimeZone.getTimeZone(zone.getId());
    DateFormat format = dates.get();
    format.setTimeZone(timeZone);
    Date date = Date.from(instant);
    String zoneName = timeZone.getDisplayName(timeZone.inDaylightTime(date), TimeZone.LONG, locale);
    return format.format(date) + " (" + zoneName + ")";
  }
}
