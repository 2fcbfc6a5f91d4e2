package io.tasvie.settlement.calendar;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One calendar file of {@code calendars/<country>/<year>.txt}: what the country announced for that
 * year beyond its rules, a day per line, {@code MM-DD name} in the Solar Hijri year of the file
 * name for Iran, {@code YYYY-MM-DD name} (Gregorian) elsewhere; {@code name moves=<rule>} when the
 * announced day replaces the day a rule computed (a lunar holiday announced a day later); {@code #}
 * starts a comment.
 */
public final class HolidayFile {

  private static final String NAME = "\\s+(.+?)(?:\\s+moves=([a-z0-9-]+))?";
  private static final Pattern SOLAR = Pattern.compile("(\\d{2})-(\\d{2})" + NAME);
  private static final Pattern GREGORIAN = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})" + NAME);

  /**
   * @param moves the id of the rule whose day this one replaces, or null for an extra holiday
   */
  public record Entry(LocalDate day, String name, String moves) {}

  private HolidayFile() {}

  /**
   * @throws IllegalArgumentException naming the file and line of the first malformed date
   */
  public static List<Entry> parse(String country, String fileName, String text) {
    boolean solar = "IR".equals(country);
    int year = Integer.parseInt(fileName.replaceAll("\\D", ""));
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        entries.add(solar ? solar(year, line) : gregorian(year, line));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new IllegalArgumentException(
            country + "/" + fileName + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return entries;
  }

  private static Entry solar(int year, String line) {
    Matcher m = SOLAR.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected MM-DD name, got \"" + line + "\"");
    }
    return new Entry(
        Jalali.toGregorian(year, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))),
        m.group(3).strip(),
        m.group(4));
  }

  private static Entry gregorian(int year, String line) {
    Matcher m = GREGORIAN.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected YYYY-MM-DD name, got \"" + line + "\"");
    }
    LocalDate day = LocalDate.parse(m.group(1));
    if (day.getYear() != year) {
      throw new IllegalArgumentException(day + " is not in " + year);
    }
    return new Entry(day, m.group(2).strip(), m.group(3));
  }
}
