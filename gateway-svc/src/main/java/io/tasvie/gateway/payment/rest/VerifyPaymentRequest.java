package io.tasvie.gateway.payment.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** The amount the merchant expects to receive, in minor units. */
public record VerifyPaymentRequest(@NotNull @Positive Long amount) {}
