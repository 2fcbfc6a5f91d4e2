package io.tasvie.settlement.calendar;

import java.time.LocalDate;

/**
 * A day without settlement besides the weekend.
 *
 * @param rule for a {@link Source#RULE} holiday the rule it comes from; for an {@link
 *     Source#ANNOUNCED} one the rule whose day it replaces, or null for an extra day
 */
public record Holiday(LocalDate day, String name, Source source, String rule) {

  public enum Source {
    /** Computed for every year from the country's rules (solar, lunar, fixed or Easter-based). */
    RULE,
    /** Announced for one year: by a calendar file in the repository or by an admin. */
    ANNOUNCED
  }
}
