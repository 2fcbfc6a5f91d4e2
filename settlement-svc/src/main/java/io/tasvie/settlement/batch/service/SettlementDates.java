package io.tasvie.settlement.batch.service;

import io.tasvie.settlement.batch.config.SettlementConfig;
import io.tasvie.settlement.calendar.service.BusinessCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A captured payment's settlement date (the legacy {@code DatTasvie}): its business day is the
 * local capture day, or the next day after the cut-off, moved on to a business day; settlement is
 * {@code delay-days} business days later.
 */
@ApplicationScoped
public class SettlementDates {

  private final BusinessCalendar calendar;
  private final SettlementConfig config;

  public SettlementDates(BusinessCalendar calendar, SettlementConfig config) {
    this.calendar = calendar;
    this.config = config;
  }

  public LocalDate settlementDate(Instant capturedAt, String country) {
    ZoneId zone = zone(country);
    ZonedDateTime local = capturedAt.atZone(zone);
    LocalDate day = local.toLocalDate();
    if (local.toLocalTime().isAfter(config.cutoff())) {
      day = day.plusDays(1);
    }
    LocalDate businessDay = calendar.onOrAfter(country, day);
    return calendar.plusBusinessDays(country, businessDay, config.delayDays());
  }

  /**
   * When the batch of {@code settlementDate} closes: at the cut-off of the last business day whose
   * captures settle on that date.
   */
  public Instant closesAt(LocalDate settlementDate, String country) {
    LocalDate lastBusinessDay =
        calendar.minusBusinessDays(country, settlementDate, config.delayDays());
    return lastBusinessDay.atTime(config.cutoff()).atZone(zone(country)).toInstant();
  }

  private ZoneId zone(String country) {
    return config.zones().getOrDefault(country, config.defaultZone());
  }
}
