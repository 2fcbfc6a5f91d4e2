package io.tasvie.gateway.settings.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tasvie.gateway.settings.Environment;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A merchant's settings; {@code sandboxChecks} says what the sandbox has seen of the merchant, all
 * of which production needs.
 */
public record SettingsResponse(
    UUID merchantId,
    String storeId,
    String walletNumber,
    Environment environment,
    Long minAmount,
    Long maxAmount,
    DiscountResponse discount,
    boolean maintenance,
    List<String> callbackDomains,
    String notifyUrl,
    boolean saveCards,
    boolean requireSignedRequests,
    Instant updatedAt,
    SandboxChecks sandboxChecks) {

  /**
   * {@code {"type":"FIXED","amount":5000}} or {@code {"type":"PERCENT","percent":2.50,"cap":4000}}:
   * the fields of the other type (and an unset cap) are left out, as in the request.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DiscountResponse(String type, Long amount, BigDecimal percent, Long cap) {}

  /** A sandbox payment verified (captured) and a sandbox refund that succeeded. */
  public record SandboxChecks(boolean verifiedPayment, boolean refund) {

    public boolean passed() {
      return verifiedPayment && refund;
    }

    public List<String> missing() {
      return java.util.stream.Stream.of(
              verifiedPayment ? null : "verified-payment", refund ? null : "refund")
          .filter(java.util.Objects::nonNull)
          .toList();
    }
  }
}
