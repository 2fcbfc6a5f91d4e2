package io.tasvie.settlement.batch.service;

import io.tasvie.settlement.batch.config.SettlementConfig;
import io.tasvie.settlement.calendar.service.BusinessCalendar;
import io.tasvie.settlement.contract.Contract;
import io.tasvie.settlement.contract.service.ContractService;
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
  private final ContractService contracts;
  private final SettlementConfig config;

  public SettlementDates(
      BusinessCalendar calendar, ContractService contracts, SettlementConfig config) {
    this.calendar = calendar;
    this.contracts = contracts;
    this.config = config;
  }

  /** Under the default contract. */
  public LocalDate settlementDate(Instant capturedAt, String country) {
    return settlementDate(capturedAt, country, contracts.defaults());
  }

  public LocalDate settlementDate(Instant capturedAt, String country, Contract contract) {
    ZonedDateTime local = capturedAt.atZone(zone(country));
    LocalDate day = local.toLocalDate();
    if (local.toLocalTime().isAfter(contract.cutoff())) {
      day = day.plusDays(1);
    }
    LocalDate businessDay = calendar.onOrAfter(country, day);
    return calendar.plusBusinessDays(country, businessDay, contract.delayDays());
  }

  /**
   * When the batch of {@code settlementDate} closes: at the cut-off of the last business day whose
   * captures settle on that date.
   */
  public Instant closesAt(LocalDate settlementDate, String country, Contract contract) {
    LocalDate lastBusinessDay =
        calendar.minusBusinessDays(country, settlementDate, contract.delayDays());
    return lastBusinessDay.atTime(contract.cutoff()).atZone(zone(country)).toInstant();
  }

  private ZoneId zone(String country) {
    return config.zones().getOrDefault(country, config.defaultZone());
  }
}
