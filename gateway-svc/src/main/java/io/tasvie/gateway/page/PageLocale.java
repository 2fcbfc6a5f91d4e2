package io.tasvie.gateway.page;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import io.tasvie.common.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * The page's language: Persian (right to left, Persian digits, Jalali calendar, Tehran time) or
 * English (Gregorian, UTC). Chosen by a {@code lang} parameter, else {@code Accept-Language}, else
 * Persian for rial payments.
 */
public enum PageLocale {
  FA("fa", "rtl", new ULocale("fa_IR@calendar=persian"), "Asia/Tehran"),
  EN("en", "ltr", new ULocale("en_GB"), "UTC");

  private final String tag;
  private final String direction;
  private final ULocale locale;

  // ICU formats are costly to build and not thread-safe: one per event-loop thread.
  private final ThreadLocal<NumberFormat> numbers;
  private final ThreadLocal<DateFormat> dates;

  PageLocale(String tag, String direction, ULocale locale, String zone) {
    this.tag = tag;
    this.direction = direction;
    this.locale = locale;
    this.numbers = ThreadLocal.withInitial(() -> NumberFormat.getInstance(locale));
    this.dates =
        ThreadLocal.withInitial(
            () -> {
              DateFormat format =
                  DateFormat.getDateTimeInstance(DateFormat.LONG, DateFormat.SHORT, locale);
              format.setTimeZone(TimeZone.getTimeZone(zone));
              return format;
            });
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

  public String dateTime(Instant instant) {
    return dates.get().format(Date.from(instant));
  }
}
