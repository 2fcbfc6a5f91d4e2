package io.tasvie.settlement.calendar.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tasvie.settlement.calendar.HolidayFile;
import io.tasvie.settlement.calendar.config.CalendarConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Business days per country: not a weekend day of that country and not one of its holidays. The
 * holidays come from the calendar files in the repository and from admins (table {@code holiday});
 * lookups are served from memory.
 */
@ApplicationScoped
public class BusinessCalendar {

  private final Pool pool;
  private final CalendarConfig config;
  private final Map<String, NavigableMap<LocalDate, String>> holidays = new ConcurrentHashMap<>();

  public BusinessCalendar(Pool pool, CalendarConfig config) {
    this.pool = pool;
    this.config = config;
  }

  void load(@Observes StartupEvent event) {
    List<Tuple> fromFiles = new ArrayList<>();
    for (String file : config.files()) {
      String country = file.substring(0, file.indexOf('/'));
      String name = file.substring(file.indexOf('/') + 1);
      for (HolidayFile.Entry entry : HolidayFile.parse(country, name, read(file))) {
        fromFiles.add(Tuple.of(country, entry.day(), entry.name()));
      }
    }
    // Files add what is missing; a day an admin corrected keeps the admin's entry.
    pool.withTransaction(
            connection ->
                connection
                    .preparedQuery(
                        "insert into holiday (country, day, name, source) values ($1, $2, $3,"
                            + " 'FILE') on conflict (country, day) do nothing")
                    .executeBatch(fromFiles)
                    .chain(
                        () -> connection.query("select country, day, name from holiday").execute()))
        .invoke(rows -> rows.forEach(this::remember))
        .await()
        .indefinitely();
  }

  private void remember(Row row) {
    holidaysOf(row.getString("country")).put(row.getLocalDate("day"), row.getString("name"));
  }

  private NavigableMap<LocalDate, String> holidaysOf(String country) {
    return holidays.computeIfAbsent(country, c -> new ConcurrentSkipListMap<>());
  }

  public boolean isBusinessDay(String country, LocalDate day) {
    return !weekend(country).contains(day.getDayOfWeek()) && holiday(country, day).isEmpty();
  }

  public Optional<String> holiday(String country, LocalDate day) {
    NavigableMap<LocalDate, String> days = holidays.get(country);
    return Optional.ofNullable(days == null ? null : days.get(day));
  }

  public List<DayOfWeek> weekend(String country) {
    return config.weekend().getOrDefault(country, config.defaultWeekend());
  }

  /** {@code day} itself if it is a business day, else the next one. */
  public LocalDate onOrAfter(String country, LocalDate day) {
    LocalDate candidate = day;
    while (!isBusinessDay(country, candidate)) {
      candidate = candidate.plusDays(1);
    }
    return candidate;
  }

  /** The business day {@code count} business days after the business day {@code day}. */
  public LocalDate plusBusinessDays(String country, LocalDate day, int count) {
    LocalDate candidate = day;
    for (int i = 0; i < count; i++) {
      candidate = onOrAfter(country, candidate.plusDays(1));
    }
    return candidate;
  }

  /** The business day {@code count} business days before the business day {@code day}. */
  public LocalDate minusBusinessDays(String country, LocalDate day, int count) {
    LocalDate candidate = day;
    for (int i = 0; i < count; i++) {
      candidate = candidate.minusDays(1);
      while (!isBusinessDay(country, candidate)) {
        candidate = candidate.minusDays(1);
      }
    }
    return candidate;
  }

  /** An admin adds or corrects a holiday; it takes effect at once. */
  public Uni<Void> addHoliday(String country, LocalDate day, String name) {
    return pool.preparedQuery(
            "insert into holiday (country, day, name, source) values ($1, $2, $3, 'ADMIN')"
                + " on conflict (country, day) do update set name = excluded.name, source = 'ADMIN'")
        .execute(Tuple.of(country, day, name))
        .invoke(() -> holidaysOf(country).put(day, name))
        .replaceWithVoid();
  }

  private static String read(String file) {
    String path = "calendars/" + file + ".txt";
    try (InputStream in = BusinessCalendar.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("calendar file " + path + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
