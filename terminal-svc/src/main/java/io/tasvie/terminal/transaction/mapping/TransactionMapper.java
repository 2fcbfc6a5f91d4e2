package io.tasvie.terminal.transaction.mapping;

import io.tasvie.common.contract.PaymentCapturedEvent;
import io.tasvie.common.contract.PaymentFacts;
import io.tasvie.common.contract.PaymentRefundedEvent;
import io.tasvie.terminal.transaction.CardTransaction;
import io.tasvie.terminal.transaction.TransactionType;

/** A transaction as a receipt, and as the payment events settlement books. */
public final class TransactionMapper {

  private TransactionMapper() {}

  public static Receipt receipt(
      CardTransaction transaction, String merchantName, String terminalId) {
    boolean purchase = transaction.getType() == TransactionType.PURCHASE;
    return new Receipt(
        transaction.getId(),
        transaction.getType().name(),
        transaction.getStatus().name(),
        merchantName,
        terminalId,
        transaction.getCompletedAt() != null
            ? transaction.getCompletedAt()
            : transaction.getCreatedAt(),
        transaction.getAmount(),
        transaction.getCurrency(),
        transaction.getMaskedCard(),
        transaction.getCardBrand(),
        transaction.getEntryMode().name(),
        transaction.getVerification(),
        transaction.getResponseCode(),
        transaction.getAuthCode(),
        transaction.getRrn(),
        transaction.getOriginalId(),
        purchase ? transaction.getRefundedTotal() : null,
        transaction.getProduct(),
        transaction.getFulfilmentRef());
  }

  /** A card-present purchase is authorised and captured at once. */
  public static PaymentCapturedEvent captured(CardTransaction purchase, String terminalId) {
    return new PaymentCapturedEvent(
        purchase.getId(), facts(purchase, terminalId), purchase.getCompletedAt());
  }

  public static PaymentRefundedEvent refunded(
      CardTransaction purchase, CardTransaction refund, String terminalId) {
    return new PaymentRefundedEvent(
        purchase.getId(),
        facts(purchase, terminalId),
        refund.getId(),
        refund.getAmount(),
        purchase.getRefundedTotal(),
        "refund on terminal " + terminalId,
        refund.getCompletedAt());
  }

  private static PaymentFacts facts(CardTransaction purchase, String terminalId) {
    return new PaymentFacts(
        purchase.getMerchantId(),
        purchase.getId().toString(),
        purchase.getAmount(),
        purchase.getCurrency(),
        purchase.getChannel(),
        purchase.getMaskedCard(),
        purchase.getCardBrand(),
        purchase.getAuthCode(),
        purchase.getRrn(),
        terminalId,
        purchase.getType().owedTo());
  }
}
