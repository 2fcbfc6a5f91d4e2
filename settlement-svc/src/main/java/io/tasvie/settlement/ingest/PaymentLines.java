package io.tasvie.settlement.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tasvie.common.contract.PaymentCapturedEvent;
import io.tasvie.common.contract.PaymentFacts;
import io.tasvie.common.contract.PaymentRefundedEvent;
import io.tasvie.common.inbox.IncomingEvent;
import io.tasvie.common.inbox.PoisonMessageException;
import io.tasvie.settlement.batch.service.SettlementService.Line;
import java.time.Instant;
import java.util.UUID;

/**
 * Settlement lines read from the payment events' contract records ({@code PaymentCaptured}, {@code
 * PaymentRefunded}); the country is added once the merchant is known.
 */
final class PaymentLines {

  static final String CAPTURED = "PaymentCaptured";
  static final String REFUNDED = "PaymentRefunded";

  private PaymentLines() {}

  static boolean settles(String type) {
    return CAPTURED.equals(type) || REFUNDED.equals(type);
  }

  /**
   * @throws PoisonMessageException when the event lacks what settlement needs
   */
  static Line read(String type, String eventId, JsonNode body, ObjectMapper mapper) {
    IncomingEvent event = new IncomingEvent(eventId, type, null, body);
    if (REFUNDED.equals(type)) {
      PaymentRefundedEvent refunded = event.dataAs(PaymentRefundedEvent.class, mapper);
      require(refunded.refundId() != null, type, eventId);
      return line(
          type,
          eventId,
          refunded.paymentId(),
          refunded.refundId(),
          refunded.payment(),
          refunded.refundAmount(),
          refunded.occurredAt());
    }
    PaymentCapturedEvent captured = event.dataAs(PaymentCapturedEvent.class, mapper);
    require(captured.payment() != null, type, eventId);
    return line(
        type,
        eventId,
        captured.paymentId(),
        null,
        captured.payment(),
        captured.payment().amount(),
        captured.occurredAt());
  }

  private static Line line(
      String type,
      String eventId,
      UUID paymentId,
      UUID refundId,
      PaymentFacts payment,
      long amount,
      Instant occurredAt) {
    require(
        paymentId != null
            && payment != null
            && payment.merchantId() != null
            && payment.currency() != null
            && amount > 0
            && occurredAt != null,
        type,
        eventId);
    return new Line(
        paymentId,
        refundId,
        payment.merchantId(),
        null,
        payment.currency(),
        payment.channel() == null ? "ONLINE" : payment.channel(),
        amount,
        occurredAt);
  }

  /**
   * The line in its merchant's country.
   *
   * @throws PoisonMessageException when the merchant does not settle in the line's currency
   */
  static Line settled(Line line, KnownMerchant merchant) {
    if (!line.currency().equals(merchant.currency())) {
      throw new PoisonMessageException(
          "merchant "
              + merchant.merchantId()
              + " settles in "
              + merchant.currency()
              + ", not "
              + line.currency()
              + " (payment "
              + line.paymentId()
              + ")");
    }
    return line.in(merchant.country());
  }

  private static void require(boolean complete, String type, String eventId) {
    if (!complete) {
      throw new PoisonMessageException(
          type + " " + eventId + " lacks amount, currency or time, or its payment or merchant");
    }
  }
}
