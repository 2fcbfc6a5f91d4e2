package io.tasvie.gateway.payment.service;

import io.tasvie.gateway.payment.PaymentOrigin;

/** A merchant's request for a payment, from the JSON API or the legacy form. */
public record NewPayment(
    String merchantReference,
    long amount,
    String currency,
    String payerName,
    String description,
    String redirectUrl,
    String customerId,
    PaymentOrigin origin) {}
