package io.tasvie.gateway.payment.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Part or all of the captured amount to pay back, in minor units. */
public record RefundRequest(@NotNull @Positive Long amount, @Size(max = 255) String reason) {}
