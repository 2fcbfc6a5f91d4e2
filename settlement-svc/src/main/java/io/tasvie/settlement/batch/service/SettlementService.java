package io.tasvie.settlement.batch.service;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.SettlementScheduledEvent;
import io.tasvie.common.outbox.Outbox;
import io.tasvie.settlement.batch.repository.SettlementLineRepository;
import io.tasvie.settlement.batch.repository.SettlementLineRepository.BatchKey;
import io.tasvie.settlement.batch.repository.SettlementLineRepository.Item;
import io.tasvie.settlement.batch.repository.SettlementLineRepository.LockedBatch;
import io.tasvie.settlement.batch.repository.SettlementLineRepository.NewBatch;
import io.tasvie.settlement.calendar.Jalali;
import io.tasvie.settlement.contract.Contract;
import io.tasvie.settlement.contract.service.ContractService;
import io.tasvie.settlement.ledger.Postings;
import io.tasvie.settlement.ledger.service.Ledger;
import io.tasvie.settlement.ledger.service.Ledger.Posting;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Puts captured payments and refunds into the merchant's batch of their settlement date (one per
 * merchant, date and currency, with its NoTasvie), with the contract's fee, posts them to the
 * ledger and announces each payment's settlement. Set-based: a statement per step for all the
 * lines, in the caller's transaction (a batched consumer's inbox transaction).
 */
@ApplicationScoped
public class SettlementService {

  private final SettlementDates dates;
  private final ContractService contracts;
  private final SettlementLineRepository repository;
  private final Ledger ledger;
  private final Outbox outbox;

  public SettlementService(
      SettlementDates dates,
      ContractService contracts,
      SettlementLineRepository repository,
      Ledger ledger,
      Outbox outbox) {
    this.dates = dates;
    this.contracts = contracts;
    this.repository = repository;
    this.ledger = ledger;
    this.outbox = outbox;
  }

  /** One settlement line: a capture, or a refund ({@code refundId} set). */
  public record Line(
      UUID paymentId,
      UUID refundId,
      UUID merchantId,
      String country,
      String currency,
      String channel,
      long amount,
      Instant occurredAt) {

    boolean isRefund() {
      return refundId != null;
    }

    /** The same line in the merchant's country, known once the merchant projection has it. */
    public Line in(String merchantCountry) {
      return new Line(
          paymentId, refundId, merchantId, merchantCountry, currency, channel, amount, occurredAt);
    }

    /** What makes a line the same line again: its payment, and its refund if it is one. */
    private List<UUID> identity() {
      return isRefund() ? List.of(paymentId, refundId) : List.of(paymentId);
    }
  }

  /** A line with its contract's fee, bound for the batch of {@code key}. */
  private record Planned(Line line, Contract contract, long fee, BatchKey key) {}

  /**
   * Records each line once, in order: a line already recorded (same payment and refund), or
   * repeated in {@code lines}, changes nothing. A line whose batch is past its cut-off (a late
   * event) is netted into today's batch.
   */
  public Uni<Void> record(SqlConnection transaction, List<Line> lines) {
    if (lines.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    // Checked first so that a late duplicate does not open a batch it will not be in. The unique
    // keys still decide races.
    return repository
        .recorded(
            transaction,
            lines.stream().map(Line::paymentId).toList(),
            lines.stream().map(Line::refundId).toList())
        .chain(
            recorded -> {
              List<Line> fresh = new ArrayList<>(lines.size());
              Set<List<UUID>> seen = new HashSet<>();
              for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                if (!recorded.contains(i) && seen.add(line.identity())) {
                  fresh.add(line);
                }
              }
              if (fresh.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              Set<UUID> merchants = new LinkedHashSet<>();
              fresh.forEach(line -> merchants.add(line.merchantId()));
              return contracts
                  .of(transaction, merchants)
                  .chain(byMerchant -> record(transaction, fresh, byMerchant));
            });
  }

  private Uni<Void> record(
      SqlConnection transaction, List<Line> lines, Map<UUID, Contract> byMerchant) {
    Instant now = Instant.now();
    List<Planned> planned = new ArrayList<>(lines.size());
    Map<BatchKey, Instant> needed = new LinkedHashMap<>();
    for (Line line : lines) {
      Contract contract = byMerchant.get(line.merchantId());
      long fee = line.isRefund() ? 0 : contract.feeFor(line.channel()).on(line.amount());
      LocalDate dated = dates.settlementDate(line.occurredAt(), line.country(), contract);
      if (dates.closesAt(dated, line.country(), contract).isBefore(now)) {
        dated = dates.settlementDate(now, line.country(), contract);
      }
      Planned plan = new Planned(line, contract, fee, key(line, dated));
      planned.add(plan);
      needed.putIfAbsent(plan.key(), closesAt(plan));
    }
    return batches(transaction, needed)
        .chain(
            found -> {
              // A batch closed early (by finance) takes no more lines: today's batch does.
              Map<BatchKey, Instant> today = new LinkedHashMap<>();
              List<Planned> placed = new ArrayList<>(planned.size());
              for (Planned plan : planned) {
                if (found.get(plan.key()).open()) {
                  placed.add(plan);
                } else {
                  Line line = plan.line();
                  Planned moved =
                      new Planned(
                          line,
                          plan.contract(),
                          plan.fee(),
                          key(line, dates.settlementDate(now, line.country(), plan.contract())));
                  placed.add(moved);
                  today.putIfAbsent(moved.key(), closesAt(moved));
                }
              }
              if (today.isEmpty()) {
                return write(transaction, placed, found);
              }
              return batches(transaction, today)
                  .chain(
                      more -> {
                        Map<BatchKey, LockedBatch> all = new HashMap<>(found);
                        all.putAll(more);
                        return write(transaction, placed, all);
                      });
            });
  }

  private static BatchKey key(Line line, LocalDate settlementDate) {
    return new BatchKey(line.merchantId(), settlementDate, line.currency());
  }

  private Instant closesAt(Planned plan) {
    return dates.closesAt(plan.key().settlementDate(), plan.line().country(), plan.contract());
  }

  /**
   * The batches of these keys, locked until commit; the missing ones opened (each with its
   * NoTasvie) and then locked too.
   */
  private Uni<Map<BatchKey, LockedBatch>> batches(
      SqlConnection transaction, Map<BatchKey, Instant> closesAt) {
    return repository
        .lock(transaction, closesAt.keySet())
        .chain(
            found -> {
              List<BatchKey> missing =
                  closesAt.keySet().stream().filter(key -> !found.containsKey(key)).toList();
              if (missing.isEmpty()) {
                return Uni.createFrom().item(found);
              }
              return repository
                  .nextSettlementNumbers(transaction, missing.size())
                  .chain(
                      numbers -> {
                        List<NewBatch> opened = new ArrayList<>(missing.size());
                        for (int i = 0; i < missing.size(); i++) {
                          BatchKey key = missing.get(i);
                          opened.add(
                              new NewBatch(
                                  key,
                                  SettlementNumbers.withCheckDigit(numbers.get(i)),
                                  closesAt.get(key)));
                        }
                        return repository.open(transaction, opened);
                      })
                  .chain(() -> repository.lock(transaction, missing))
                  .map(
                      opened -> {
                        Map<BatchKey, LockedBatch> all = new HashMap<>(found);
                        all.putAll(opened);
                        return all;
                      });
            });
  }

  private Uni<Void> write(
      SqlConnection transaction, List<Planned> planned, Map<BatchKey, LockedBatch> batches) {
    List<Item> items = new ArrayList<>(planned.size());
    for (Planned plan : planned) {
      Line line = plan.line();
      items.add(
          new Item(
              UUID.randomUUID(),
              batches.get(plan.key()).id(),
              line.paymentId(),
              line.refundId(),
              line.channel(),
              line.amount(),
              plan.fee(),
              Postings.valueAdded(line.channel()) ? line.amount() : 0,
              line.occurredAt()));
    }
    return repository
        .insert(transaction, items)
        .chain(
            inserted -> {
              List<Item> added = new ArrayList<>(inserted.size());
              List<Posting> postings = new ArrayList<>(inserted.size());
              List<SettlementScheduledEvent> scheduled = new ArrayList<>(inserted.size());
              Map<LocalDate, String> jalali = new HashMap<>(); // a few dates for many lines
              for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                if (inserted.contains(item.id())) {
                  Planned plan = planned.get(i);
                  added.add(item);
                  postings.add(posting(plan, item));
                  if (!item.isRefund()) { // a refund is netted; the payment keeps its settlement
                    scheduled.add(scheduled(plan, batches.get(plan.key()), jalali));
                  }
                }
              }
              if (added.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              return repository
                  .addToTotals(transaction, added)
                  .chain(() -> ledger.post(transaction, postings))
                  .chain(() -> outbox.publishAll(transaction, scheduled));
            });
  }

  private static Posting posting(Planned plan, Item item) {
    Line line = plan.line();
    return line.isRefund()
        ? new Posting(
            "REFUND:" + line.refundId(),
            item.batchId(),
            line.merchantId(),
            line.currency(),
            Postings.refund(line.channel(), line.amount()))
        : new Posting(
            "CAPTURE:" + line.paymentId(),
            item.batchId(),
            line.merchantId(),
            line.currency(),
            Postings.capture(line.channel(), line.amount(), plan.fee()));
  }

  private static SettlementScheduledEvent scheduled(
      Planned plan, LockedBatch batch, Map<LocalDate, String> jalali) {
    Line line = plan.line();
    LocalDate settlementDate = batch.key().settlementDate();
    return new SettlementScheduledEvent(
        line.paymentId(),
        line.merchantId(),
        line.channel(),
        settlementDate,
        jalali.computeIfAbsent(settlementDate, Jalali::format),
        batch.settlementNumber(),
        Instant.now());
  }
}
