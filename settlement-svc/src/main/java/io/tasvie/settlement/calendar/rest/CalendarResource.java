package io.tasvie.settlement.calendar.rest;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.country.Countries;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.Roles;
import io.tasvie.settlement.calendar.Holiday;
import io.tasvie.settlement.calendar.Jalali;
import io.tasvie.settlement.calendar.service.BusinessCalendar;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** The settlement calendar of a country, day by day. */
@Path("/v1/calendars/{country}")
public class CalendarResource {

  private static final int MAX_DAYS = 366;

  private final BusinessCalendar calendar;

  public CalendarResource(BusinessCalendar calendar) {
    this.calendar = calendar;
  }

  /**
   * A day as finance sees it. {@code jalali} is the Solar Hijri date; {@code holiday} the names of
   * its {@code holidays} in one line.
   */
  public record CalendarDayResponse(
      LocalDate date,
      String jalali,
      String dayOfWeek,
      boolean businessDay,
      String holiday,
      List<HolidayResponse> holidays) {}

  /**
   * {@code source} {@code RULE}: computed for every year by {@code rule}; {@code ANNOUNCED}: for
   * this year only, replacing the day of rule {@code moves} when set.
   */
  public record HolidayResponse(String name, Holiday.Source source, String rule, String moves) {}

  /** {@code moves}: the id of the rule whose day this announced day replaces (optional). */
  public record HolidayRequest(
      @NotNull LocalDate date,
      @NotBlank @Size(max = 200) String name,
      @Pattern(
              regexp = "[a-z0-9-]{1,60}",
              message = "must be a holiday rule id such as eid-al-fitr")
          String moves) {}

  @GET
  @Path("business-days")
  @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
  public List<CalendarDayResponse> days(
      @RestPath String country, @RestQuery String from, @RestQuery String to) {
    String code = country(country);
    LocalDate first = date("from", from);
    LocalDate last = date("to", to);
    if (last.isBefore(first) || ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
      throw ProblemException.badRequest(
          "invalid-date-range",
          "to must be on or after from, and at most " + MAX_DAYS + " days on");
    }
    List<CalendarDayResponse> days = new ArrayList<>();
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      List<Holiday> holidays = calendar.holidays(code, day);
      days.add(
          new CalendarDayResponse(
              day,
              Jalali.format(day),
              day.getDayOfWeek().name(),
              calendar.isBusinessDay(code, day),
              holidays.isEmpty()
                  ? null
                  : String.join(" / ", holidays.stream().map(Holiday::name).toList()),
              holidays.stream().map(CalendarResource::toResponse).toList()));
    }
    return days;
  }

  @POST
  @Path("holidays")
  @RolesAllowed(Roles.ADMIN)
  public Uni<RestResponse<Void>> addHoliday(
      @RestPath String country, @Valid @NotNull HolidayRequest request) {
    return calendar
        .addHoliday(country(country), request.date(), request.name().strip(), request.moves())
        .map(done -> RestResponse.noContent());
  }

  private static HolidayResponse toResponse(Holiday holiday) {
    boolean rule = holiday.source() == Holiday.Source.RULE;
    return new HolidayResponse(
        holiday.name(),
        holiday.source(),
        rule ? holiday.rule() : null,
        rule ? null : holiday.rule());
  }

  private static String country(String country) {
    String code = country.toUpperCase(Locale.ROOT);
    if (!Countries.isKnown(code)) {
      throw ProblemException.badRequest(
          "unknown-country", country + " is not an ISO 3166-1 country");
    }
    return code;
  }

  private static LocalDate date(String name, String value) {
    if (value == null) {
      throw ProblemException.badRequest("invalid-date-range", name + " is required (YYYY-MM-DD)");
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest("invalid-date-range", name + " must be YYYY-MM-DD");
    }
  }
}
