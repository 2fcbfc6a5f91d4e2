package io.tasvie.terminal.valueadded;

import io.tasvie.common.problem.ProblemException;
import io.tasvie.terminal.transaction.TransactionType;
import io.tasvie.terminal.valueadded.Operator.ChargeType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns what the cashier entered into a checked order: the operator's number prefixes, charge types
 * and amounts for a top-up, the catalogue for a package, the check digits for a bill. Everything is
 * checked before the card is charged.
 */
public final class ValueAddedOrders {

  /** Iranian operators and billers are paid in rials. */
  public static final String CURRENCY = "IRR";

  private ValueAddedOrders() {}

  public static ValueAddedOrder topUp(
      String operatorName, String mobileNumber, long amount, String chargeTypeName) {
    Operator operator =
        ProblemException.enumValue(Operator.class, "operator", required("operator", operatorName));
    ChargeType chargeType =
        chargeTypeName == null
            ? ChargeType.NORMAL
            : ProblemException.enumValue(ChargeType.class, "charge-type", chargeTypeName);
    String national = MobileNumbers.requireOf(operator, mobileNumber);
    if (!operator.offers(chargeType)) {
      throw ProblemException.badRequest(
          "charge-type-not-offered",
          operator + " offers " + operator.chargeTypes() + " top-ups, not " + chargeType);
    }
    if (!operator.accepts(amount)) {
      throw new ProblemException(
          400,
          "invalid-top-up-amount",
          "Bad request",
          operator + " top-ups are " + operator.amounts(),
          Map.of("operator", operator.name()));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("operator", operator.name());
    details.put("mobileNumber", national);
    details.put("chargeType", chargeType.name());
    return new ValueAddedOrder(TransactionType.TOP_UP, "TOPUP", amount, null, details);
  }

  public static ValueAddedOrder internetPackage(String packageId, String mobileNumber) {
    InternetPackage chosen = InternetPackage.byId(required("packageId", packageId));
    if (chosen == null) {
      throw ProblemException.notFound("internet-package", packageId);
    }
    String national = MobileNumbers.requireOf(chosen.operator(), mobileNumber);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("operator", chosen.operator().name());
    details.put("mobileNumber", national);
    details.put("packageId", chosen.id());
    details.put("name", chosen.name());
    details.put("volumeMb", chosen.volumeMb());
    details.put("validityDays", chosen.validityDays());
    return new ValueAddedOrder(
        TransactionType.INTERNET_PACKAGE, "INTERNET_PACKAGE", chosen.price(), null, details);
  }

  /** A bill by its two IDs, or by its 26-digit barcode when {@code barcode} is set. */
  public static Bill bill(String billId, String paymentId, String barcode) {
    return barcode != null ? Bill.parseBarcode(barcode) : Bill.parse(billId, paymentId);
  }

  public static ValueAddedOrder billPayment(Bill bill) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("billId", bill.billId());
    details.put("paymentId", bill.paymentId());
    details.put("billType", bill.type().name());
    return new ValueAddedOrder(
        TransactionType.BILL_PAYMENT, "BILL", bill.amount(), bill.reference(), details);
  }

  private static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest(
          "missing-" + field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(),
          field + " is required");
    }
    return value;
  }
}
