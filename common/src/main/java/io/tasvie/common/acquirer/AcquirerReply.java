package io.tasvie.common.acquirer;

/**
 * An acquirer's answer, in ISO 8583 terms: {@code responseCode} {@code 00} is approved; {@code
 * authCode} and {@code rrn} identify the approved transaction.
 */
public record AcquirerReply(String responseCode, String authCode, String rrn) {

  public static final String APPROVED = "00";

  public boolean approved() {
    return APPROVED.equals(responseCode);
  }

  /** The payer-facing reason for a response code, as a stable slug. */
  public String declineReason() {
    return switch (responseCode) {
      case APPROVED -> null;
      case "05" -> "do-not-honour";
      case "51" -> "insufficient-funds";
      case "54" -> "expired-card";
      case "91" -> "issuer-timeout";
      case "14" -> "invalid-card";
      default -> "declined";
    };
  }
}
