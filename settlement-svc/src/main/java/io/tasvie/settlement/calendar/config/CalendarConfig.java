package io.tasvie.settlement.calendar.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "tasvie.calendar")
public interface CalendarConfig {

  /**
   * The files of announced holidays to load, {@code <country>/<year>} under {@code calendars/}:
   * only what a year adds to (or moves from) the country's rules.
   */
  Optional<List<String>> files();

  /** Weekend days per country; a country not listed rests on Saturday and Sunday. */
  Map<String, List<DayOfWeek>> weekend();

  @WithDefault("SATURDAY,SUNDAY")
  List<DayOfWeek> defaultWeekend();
}
