package io.tasvie.gateway.payment;

/** How the merchant created the payment: the JSON API or the legacy form POST. */
public enum PaymentOrigin {
  API,
  LEGACY_FORM
}
