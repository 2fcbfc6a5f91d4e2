package io.tasvie.terminal.valueadded;

import io.tasvie.common.problem.ProblemException;

/**
 * An Iranian utility bill as printed: the bill ID (شناسه قبض) and the payment ID (شناسه پرداخت),
 * both checked with the mod-11 check digits of the national standard. The bill ID's last digit
 * checks the digits before it; the payment ID ends in two check digits, the first over its own
 * body, the second over bill ID, body and first check digit. The payment ID's body is the amount in
 * thousands of rials followed by the year (1 digit) and the period (2 digits), so the amount is
 * never typed. The 26-digit barcode is both IDs, each padded with zeros to 13 digits.
 */
public record Bill(String billId, String paymentId, BillType type, long amount) {

  /** A key for "this bill, this period": the same one cannot be paid twice. */
  public String reference() {
    return billId + "/" + paymentId;
  }

  /**
   * @throws ProblemException 400 {@code invalid-bill-id} or {@code invalid-payment-id} naming what
   *     is wrong
   */
  public static Bill parse(String billId, String paymentId) {
    if (billId == null || !billId.matches("[0-9]{6,13}")) {
      throw invalid("invalid-bill-id", "billId must be 6 to 13 digits");
    }
    if (paymentId == null || !paymentId.matches("[0-9]{6,13}")) {
      throw invalid("invalid-payment-id", "paymentId must be 6 to 13 digits");
    }
    String bill = strip(billId);
    String payment = strip(paymentId);
    if (bill.length() < 6 || checkDigit(bill.substring(0, bill.length() - 1)) != digit(bill, 1)) {
      throw invalid("invalid-bill-id", "billId " + billId + " fails its check digit");
    }
    String body = payment.substring(0, payment.length() - 2);
    if (payment.length() < 6
        || checkDigit(body) != digit(payment, 2)
        || checkDigit(bill + body + payment.charAt(payment.length() - 2)) != digit(payment, 1)) {
      throw invalid(
          "invalid-payment-id", "paymentId " + paymentId + " fails its check digits for this bill");
    }
    BillType type = BillType.of(digit(bill, 2));
    if (type == null) {
      throw invalid(
          "invalid-bill-id",
          "billId " + billId + " names no biller (type digit " + digit(bill, 2) + ")");
    }
    long thousands = body.length() > 3 ? Long.parseLong(body.substring(0, body.length() - 3)) : 0;
    if (thousands <= 0) {
      throw invalid("invalid-payment-id", "paymentId " + paymentId + " carries no amount");
    }
    return new Bill(bill, payment, type, thousands * 1000);
  }

  /** The 26-digit barcode printed on a bill: bill ID then payment ID, each zero-padded to 13. */
  public static Bill parseBarcode(String barcode) {
    if (barcode == null || !barcode.matches("[0-9]{26}")) {
      throw invalid("invalid-barcode", "barcode must be 26 digits");
    }
    return parse(strip(barcode.substring(0, 13)), strip(barcode.substring(13)));
  }

  /** The mod-11 check digit of {@code digits}: weights 2..7 from the right, repeating. */
  static int checkDigit(String digits) {
    int sum = 0;
    int weight = 2;
    for (int i = digits.length() - 1; i >= 0; i--) {
      sum += (digits.charAt(i) - '0') * weight;
      weight = weight == 7 ? 2 : weight + 1;
    }
    int remainder = sum % 11;
    return remainder < 2 ? 0 : 11 - remainder;
  }

  /** The digit {@code fromEnd} places from the end (1 = last). */
  private static int digit(String digits, int fromEnd) {
    return digits.charAt(digits.length() - fromEnd) - '0';
  }

  private static String strip(String digits) {
    String stripped = digits.replaceFirst("^0+", "");
    return stripped.isEmpty() ? "0" : stripped;
  }

  private static ProblemException invalid(String type, String detail) {
    return ProblemException.badRequest(type, detail);
  }
}
