package io.tasvie.settlement.calendar.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;

@ConfigMapping(prefix = "tasvie.calendar")
public interface CalendarConfig {

  /** The holiday files to load, {@code <country>/<year>} under {@code calendars/}. */
  List<String> files();

  /** Weekend days per country; a country not listed rests on Saturday and Sunday. */
  Map<String, List<DayOfWeek>> weekend();

  @WithDefault("SATURDAY,SUNDAY")
  List<DayOfWeek> defaultWeekend();
}
