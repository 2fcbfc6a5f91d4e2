package io.tasvie.common.contract;

import io.tasvie.common.outbox.DomainEvent;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A settlement batch changed state, for finance systems: {@code SettlementBatchClosed} when its
 * cut-off passed (its totals are final), {@code SettlementBatchPaid} when finance paid it out.
 * Topic {@code settlement-batches}, key = batch id; amounts in minor units of {@code currency}:
 * {@code netAmount} = captured − refunded − fees − owed to operators − carried in (negative when
 * refunds outweigh sales), {@code payoutAmount} = max(0, net), {@code carriedOut} = the shortfall
 * the merchant's next batch takes over. {@code bankReference} is the payout's reference at the
 * bank, null until the batch is paid.
 */
public record SettlementBatchEvent(
    String type,
    UUID batchId,
    UUID merchantId,
    LocalDate settlementDate,
    String settlementDateJalali,
    String settlementNumber,
    String currency,
    long capturedAmount,
    long refundedAmount,
    long feeAmount,
    long operatorAmount,
    long carriedIn,
    long netAmount,
    long payoutAmount,
    long carriedOut,
    int capturedCount,
    int refundCount,
    List<ChannelTotals> channels,
    @Nullable String bankReference,
    Instant occurredAt)
    implements DomainEvent {

  public static final String TOPIC = "settlement-batches";
  public static final String CLOSED = "SettlementBatchClosed";
  public static final String PAID = "SettlementBatchPaid";

  @Override
  public String topic() {
    return TOPIC;
  }

  @Override
  public String aggregateId() {
    return batchId.toString();
  }
}
