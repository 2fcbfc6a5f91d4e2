package io.tasvie.gateway.payment.rest;

import io.tasvie.gateway.payment.service.VerifyResult;

/**
 * {@code result} is {@code VERIFIED} the first time and {@code ALREADY_VERIFIED} on every later
 * call (Zarinpal's 100 and 101).
 */
public record VerifyPaymentResponse(VerifyResult result, PaymentResponse payment) {}
