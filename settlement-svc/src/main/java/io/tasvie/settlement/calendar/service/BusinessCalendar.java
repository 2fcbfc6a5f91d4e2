package io.tasvie.settlement.calendar.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.settlement.calendar.Holiday;
import io.tasvie.settlement.calendar.HolidayFile;
import io.tasvie.settlement.calendar.config.CalendarConfig;
import io.tasvie.settlement.calendar.rule.HolidayRule;
import io.tasvie.settlement.calendar.rule.HolidayRules;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Business days per country: not a weekend day of that country and not one of its holidays. The
 * holidays are the country's rules for every year ({@link HolidayRules}) and what was announced for
 * one year (calendar files in the repository and admins, table {@code holiday}); an announcement
 * may move a rule's day. Lookups are served from memory, a year at a time.
 */
@ApplicationScoped
public class BusinessCalendar {

  /** How far an announced day may lie from the rule's day it moves (a lunar day differs by one). */
  public static final int MOVE_WINDOW_DAYS = 3;

  private record Announcement(String name, String moves) {}

  private record CountryYear(String country, int year) {}

  private final Pool pool;
  private final CalendarConfig config;
  private final Map<String, NavigableMap<LocalDate, Announcement>> announced =
      new ConcurrentHashMap<>();
  private final Map<CountryYear, Map<LocalDate, List<Holiday>>> years = new ConcurrentHashMap<>();

  public BusinessCalendar(Pool pool, CalendarConfig config) {
    this.pool = pool;
    this.config = config;
  }

  void load(@Observes StartupEvent event) {
    List<Tuple> fromFiles = new ArrayList<>();
    for (String file : config.files().orElse(List.of())) {
      String country = file.substring(0, file.indexOf('/'));
      String name = file.substring(file.indexOf('/') + 1);
      for (HolidayFile.Entry entry : HolidayFile.parse(country, name, read(file))) {
        requireNear(country, entry.day(), entry.moves());
        fromFiles.add(Tuple.of(country, entry.day(), entry.name(), entry.moves()));
      }
    }
    // The files are the truth about FILE rows (an entry deleted from a file goes); a day an admin
    // announced keeps the admin's entry.
    pool.withTransaction(
            connection ->
                connection
                    .query("delete from holiday where source = 'FILE'")
                    .execute()
                    .chain(
                        () ->
                            fromFiles.isEmpty()
                                ? Uni.createFrom().voidItem()
                                : connection
                                    .preparedQuery(
                                        "insert into holiday (country, day, name, moves, source)"
                                            + " values ($1, $2, $3, $4, 'FILE')"
                                            + " on conflict (country, day) do nothing")
                                    .executeBatch(fromFiles)
                                    .replaceWithVoid())
                    .chain(
                        () ->
                            connection
                                .query("select country, day, name, moves from holiday")
                                .execute()))
        .invoke(rows -> rows.forEach(this::remember))
        .await()
        .indefinitely();
  }

  private void remember(Row row) {
    announcedIn(row.getString("country"))
        .put(
            row.getLocalDate("day"),
            new Announcement(row.getString("name"), row.getString("moves")));
  }

  private NavigableMap<LocalDate, Announcement> announcedIn(String country) {
    return announced.computeIfAbsent(country, c -> new ConcurrentSkipListMap<>());
  }

  public boolean isBusinessDay(String country, LocalDate day) {
    return !weekend(country).contains(day.getDayOfWeek()) && holidays(country, day).isEmpty();
  }

  /** The day's holidays, rule-based first. */
  public List<Holiday> holidays(String country, LocalDate day) {
    return years
        .computeIfAbsent(new CountryYear(country, day.getYear()), this::compute)
        .getOrDefault(day, List.of());
  }

  private Map<LocalDate, List<Holiday>> compute(CountryYear key) {
    NavigableMap<LocalDate, Announcement> announcements = announcedIn(key.country());
    Map<LocalDate, List<Holiday>> days = new HashMap<>();
    for (Holiday holiday : HolidayRules.in(key.country(), key.year())) {
      if (!moved(announcements, holiday)) {
        days.computeIfAbsent(holiday.day(), d -> new ArrayList<>()).add(holiday);
      }
    }
    announcements
        .subMap(LocalDate.of(key.year(), 1, 1), true, LocalDate.of(key.year(), 12, 31), true)
        .forEach(
            (day, announcement) ->
                days.computeIfAbsent(day, d -> new ArrayList<>())
                    .add(
                        new Holiday(
                            day,
                            announcement.name(),
                            Holiday.Source.ANNOUNCED,
                            announcement.moves())));
    Map<LocalDate, List<Holiday>> frozen = new HashMap<>();
    days.forEach((day, holidays) -> frozen.put(day, List.copyOf(holidays)));
    return Map.copyOf(frozen);
  }

  private static boolean moved(NavigableMap<LocalDate, Announcement> announcements, Holiday rule) {
    return announcements
        .subMap(
            rule.day().minusDays(MOVE_WINDOW_DAYS),
            true,
            rule.day().plusDays(MOVE_WINDOW_DAYS),
            true)
        .values()
        .stream()
        .anyMatch(announcement -> rule.rule().equals(announcement.moves()));
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

  /**
   * An admin announces a holiday, or corrects one: {@code moves} names the rule whose day within
   * {@value #MOVE_WINDOW_DAYS} days this one replaces (null: an extra day). Takes effect at once.
   *
   * @throws ProblemException 400 {@code unknown-holiday-rule} or {@code no-rule-day-near-date}
   */
  public Uni<Void> addHoliday(String country, LocalDate day, String name, String moves) {
    requireNear(country, day, moves);
    return pool.preparedQuery(
            "insert into holiday (country, day, name, moves, source)"
                + " values ($1, $2, $3, $4, 'ADMIN') on conflict (country, day) do update"
                + " set name = excluded.name, moves = excluded.moves, source = 'ADMIN'")
        .execute(Tuple.of(country, day, name, moves))
        .invoke(
            () -> {
              announcedIn(country).put(day, new Announcement(name, moves));
              years.keySet().removeIf(key -> key.country().equals(country));
            })
        .replaceWithVoid();
  }

  private static void requireNear(String country, LocalDate day, String moves) {
    if (moves == null) {
      return;
    }
    HolidayRule rule =
        HolidayRules.rule(country, moves)
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "unknown-holiday-rule",
                        country + " has no holiday rule " + moves + " to move"));
    boolean near = false;
    for (int year = day.getYear() - 1; year <= day.getYear() + 1 && !near; year++) {
      near =
          rule.daysIn(year).stream()
              .anyMatch(
                  ruleDay -> Math.abs(ruleDay.toEpochDay() - day.toEpochDay()) <= MOVE_WINDOW_DAYS);
    }
    if (!near) {
      throw ProblemException.badRequest(
          "no-rule-day-near-date",
          rule.name()
              + " does not fall within "
              + MOVE_WINDOW_DAYS
              + " days of "
              + day
              + "; announce it as an extra day instead");
    }
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
