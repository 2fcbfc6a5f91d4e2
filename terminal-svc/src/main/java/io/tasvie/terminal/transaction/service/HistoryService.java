package io.tasvie.terminal.transaction.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.merchant.MerchantProjection;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.terminal.terminal.Terminal;
import io.tasvie.terminal.terminal.repository.TerminalRepository;
import io.tasvie.terminal.transaction.CardTransaction;
import io.tasvie.terminal.transaction.TransactionStatus;
import io.tasvie.terminal.transaction.mapping.Receipt;
import io.tasvie.terminal.transaction.mapping.TransactionMapper;
import io.tasvie.terminal.transaction.repository.TransactionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Transaction history of one terminal or of all a merchant's terminals over calendar days in the
 * time zone the request names (UTC when it names none), with totals of the approved ones per
 * currency.
 */
@ApplicationScoped
public class HistoryService {

  /** Days one history request may span. */
  static final int MAX_DAYS = 93;

  static final int MAX_ITEMS = 500;

  private final TransactionRepository transactions;
  private final TerminalRepository terminals;

  public HistoryService(TransactionRepository transactions, TerminalRepository terminals) {
    this.transactions = transactions;
    this.terminals = terminals;
  }

  /** Either a terminal or a whole merchant. */
  public record Scope(UUID terminalRef, UUID merchantId) {}

  public record Period(LocalDate from, LocalDate to, ZoneId zone) {

    /**
     * Today when neither day is given; {@code to} defaults to {@code from}.
     *
     * @throws ProblemException 400 for an unknown zone, a reversed or too long period
     */
    public static Period of(String from, String to, String zone) {
      ZoneId zoneId;
      try {
        zoneId = zone == null || zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone);
      } catch (DateTimeException e) {
        throw ProblemException.badRequest(
            "invalid-zone", "zone must be an IANA time zone such as Europe/Belgrade");
      }
      LocalDate start = date("from", from, LocalDate.now(zoneId));
      LocalDate end = date("to", to, start);
      if (end.isBefore(start)) {
        throw ProblemException.badRequest("invalid-period", "to is before from");
      }
      if (end.isAfter(start.plusDays(MAX_DAYS - 1))) {
        throw ProblemException.badRequest(
            "invalid-period", "a history spans at most " + MAX_DAYS + " days");
      }
      return new Period(start, end, zoneId);
    }

    private static LocalDate date(String field, String value, LocalDate otherwise) {
      if (value == null || value.isBlank()) {
        return otherwise;
      }
      try {
        return LocalDate.parse(value);
      } catch (DateTimeException e) {
        throw ProblemException.badRequest(
            "invalid-" + field, field + " must be a date such as 2026-12-01");
      }
    }
  }

  /**
   * Approved transactions of one currency: sales (purchases and value-added sales), refunds and
   * what is left.
   */
  public record Totals(String currency, long count, long purchases, long refunds, long net) {}

  public record History(
      LocalDate from,
      LocalDate to,
      String zone,
      String scope,
      long count,
      List<Totals> totals,
      List<Receipt> items,
      boolean truncated) {}

  public Uni<History> history(Scope scope, Period period) {
    var fromInstant = period.from().atStartOfDay(period.zone()).toInstant();
    var toInstant = period.to().plusDays(1).atStartOfDay(period.zone()).toInstant();
    return Panache.withSession(
        () ->
            transactions
                .between(
                    scope.terminalRef(), scope.merchantId(), fromInstant, toInstant, MAX_ITEMS + 1)
                .chain(
                    rows ->
                        labels(rows)
                            .chain(
                                labels ->
                                    merchantName(rows, scope)
                                        .map(name -> summary(scope, period, rows, labels, name)))));
  }

  private History summary(
      Scope scope,
      Period period,
      List<CardTransaction> rows,
      Map<UUID, String> terminalIds,
      String merchantName) {
    boolean truncated = rows.size() > MAX_ITEMS;
    List<CardTransaction> shown = truncated ? rows.subList(0, MAX_ITEMS) : rows;
    Map<String, long[]> sums = new TreeMap<>();
    for (CardTransaction row : shown) {
      if (row.getStatus() != TransactionStatus.APPROVED) {
        continue;
      }
      long[] sum = sums.computeIfAbsent(row.getCurrency(), currency -> new long[3]);
      sum[0]++;
      sum[row.getType().isSale() ? 1 : 2] += row.getAmount();
    }
    List<Totals> totals =
        sums.entrySet().stream()
            .map(
                e ->
                    new Totals(
                        e.getKey(),
                        e.getValue()[0],
                        e.getValue()[1],
                        e.getValue()[2],
                        e.getValue()[1] - e.getValue()[2]))
            .toList();
    List<Receipt> items =
        shown.stream()
            .map(
                row ->
                    TransactionMapper.receipt(
                        row, merchantName, terminalIds.get(row.getTerminalRef())))
            .toList();
    return new History(
        period.from(),
        period.to(),
        period.zone().getId(),
        scope.terminalRef() != null ? "device" : "merchant",
        shown.size(),
        totals,
        items,
        truncated);
  }

  private Uni<Map<UUID, String>> labels(List<CardTransaction> rows) {
    List<UUID> refs = rows.stream().map(CardTransaction::getTerminalRef).distinct().toList();
    if (refs.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return terminals
        .list("id in ?1", refs)
        .map(
            found -> {
              Map<UUID, String> labels = new HashMap<>();
              for (Terminal terminal : found) {
                labels.put(terminal.getId(), terminal.getTerminalId());
              }
              return labels;
            });
  }

  private Uni<String> merchantName(List<CardTransaction> rows, Scope scope) {
    UUID merchantId =
        scope.merchantId() != null
            ? scope.merchantId()
            : rows.isEmpty() ? null : rows.get(0).getMerchantId();
    if (merchantId == null) {
      return Uni.createFrom().nullItem();
    }
    return Panache.getSession()
        .chain(session -> session.find(MerchantProjection.class, merchantId))
        .map(merchant -> merchant == null ? null : merchant.getName());
  }
}
