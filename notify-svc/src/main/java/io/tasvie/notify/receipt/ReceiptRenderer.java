package io.tasvie.notify.receipt;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.DecimalFormatSymbols;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.tasvie.common.money.Money;
import io.tasvie.notify.sms.SmsText;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders SMS receipts with the Qute template of the language ({@code
 * templates/receipt/<lang>.txt}): Persian with Persian digits and Jalali dates, Albanian, English,
 * Swedish, Norwegian, Danish, Greek. Numbers and dates are formatted by ICU for the language; a
 * card number that is not masked is refused, never printed.
 */
@ApplicationScoped
public class ReceiptRenderer {

  /** Languages (ISO 639-1) and the ICU locale their numbers and dates are written in. */
  public static final Map<String, ULocale> LANGUAGES =
      Map.of(
          "fa", new ULocale("fa_IR@calendar=persian"),
          "sq", new ULocale("sq_XK"),
          "en", new ULocale("en_GB"),
          "sv", new ULocale("sv_SE"),
          "nb", new ULocale("nb_NO"),
          "da", new ULocale("da_DK"),
          "el", new ULocale("el_GR"));

  private static final Pattern MASKED = Pattern.compile("\\d{0,6}\\*{2,12}\\d{4}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  /** ICU formats are costly to build and not thread-safe: each thread keeps its own per locale. */
  private static final ThreadLocal<Map<ULocale, Formats>> FORMATS =
      ThreadLocal.withInitial(HashMap::new);

  private record Formats(
      ULocale locale,
      NumberFormat[] amounts,
      DateFormat dateTime,
      DateFormat date,
      char zero,
      char grouping) {

    /**
     * The amount format for a currency exponent, built once: setting an ICU format's fraction
     * digits rebuilds its formatter, which cost more than the rest of a receipt.
     */
    NumberFormat amount(int exponent) {
      if (amounts[exponent] == null) {
        NumberFormat format = NumberFormat.getInstance(locale);
        format.setMinimumFractionDigits(exponent);
        format.setMaximumFractionDigits(exponent);
        amounts[exponent] = format;
      }
      return amounts[exponent];
    }

    static Formats of(ULocale locale) {
      DateFormat date = DateFormat.getDateInstance(DateFormat.SHORT, locale);
      date.setTimeZone(TimeZone.getTimeZone("UTC"));
      DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
      return new Formats(
          locale,
          new NumberFormat[5], // ISO 4217 exponents are 0 to 4
          DateFormat.getDateTimeInstance(DateFormat.SHORT, DateFormat.SHORT, locale),
          date,
          symbols.getZeroDigit(),
          symbols.getGroupingSeparator());
    }
  }

  private final Engine engine;

  public ReceiptRenderer(Engine engine) {
    this.engine = engine;
  }

  /**
   * @throws IllegalArgumentException for a language without template or a card number that is not
   *     masked
   */
  public SmsText render(Receipt receipt, String language) {
    ULocale locale = LANGUAGES.get(language);
    Template template = engine.getTemplate("receipt/" + language + ".txt");
    if (locale == null || template == null) {
      throw new IllegalArgumentException("no receipt template for language " + language);
    }
    if (receipt.maskedCard() == null || !MASKED.matcher(receipt.maskedCard()).matches()) {
      throw new IllegalArgumentException("a receipt shows a masked card number only");
    }
    return SmsText.of(
        template
            .data("r", receipt)
            .data("merchant", oneLine(receipt.merchantName()))
            .data("amount", amount(receipt, locale))
            .data("time", dateTime(receipt.occurredAt(), receipt.zone(), locale))
            .data("settles", receipt.settlementDate() == null ? null : date(receipt, locale))
            .data("card", inDigits(receipt.maskedCard(), locale))
            .data("terminal", inDigits(oneLine(receipt.terminalId()), locale))
            .data("auth", inDigits(receipt.authCode(), locale))
            .data("rrn", inDigits(receipt.rrn(), locale))
            .render()
            .strip());
  }

  private static String amount(Receipt receipt, ULocale locale) {
    Money money = Money.of(receipt.amount(), receipt.currency());
    Formats formats = formats(locale);
    return SmsText.withGsmSeparators(
            formats.amount(money.exponent()).format(money.toMajor()), formats.grouping())
        + " "
        + receipt.currency();
  }

  /** A moment as the language writes it, short, in {@code zone} (Jalali for Persian). */
  public static String dateTime(Instant instant, ZoneId zone, ULocale locale) {
    DateFormat format = formats(locale).dateTime();
    format.setTimeZone(TimeZone.getTimeZone(zone.getId()));
    return format.format(Date.from(instant));
  }

  private static String date(Receipt receipt, ULocale locale) {
    return formats(locale)
        .date()
        .format(Date.from(receipt.settlementDate().atStartOfDay().toInstant(ZoneOffset.UTC)));
  }

  /** References (auth code, RRN, terminal, card) in the language's digits, leading zeros kept. */
  private static String inDigits(String text, ULocale locale) {
    if (text == null) {
      return "";
    }
    char zero = formats(locale).zero();
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      out.append(c >= '0' && c <= '9' ? (char) (zero + (c - '0')) : c);
    }
    return out.toString();
  }

  private static Formats formats(ULocale locale) {
    return FORMATS.get().computeIfAbsent(locale, Formats::of);
  }

  /** Text from outside on one line: no line breaks or control characters to forge lines with. */
  private static String oneLine(String text) {
    return text == null ? "" : CONTROL.matcher(text).replaceAll(" ").strip();
  }
}
