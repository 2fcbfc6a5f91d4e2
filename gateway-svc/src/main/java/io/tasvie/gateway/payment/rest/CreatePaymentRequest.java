package io.tasvie.gateway.payment.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A merchant's payment request. {@code amount} is in minor units of {@code currency} (whole rials
 * for IRR); {@code merchantReference} is the merchant's own id for the payment (legacy {@code
 * Res}). {@code customerId}, the merchant's id for the payer, lets the payer save the card for the
 * merchant's next payments (if the merchant's settings allow it).
 */
public record CreatePaymentRequest(
    @NotBlank
        @Size(max = 64)
        @Pattern(regexp = "[A-Za-z0-9._:/-]+", message = "letters, digits and . _ : / - only")
        String merchantReference,
    @NotNull @Positive Long amount,
    @NotBlank String currency,
    @Size(max = 100) String payerName,
    @Size(max = 500) String description,
    @NotBlank String redirectUrl,
    @Size(max = 64)
        @Pattern(regexp = "[A-Za-z0-9._:@-]+", message = "letters, digits and . _ : @ - only")
        String customerId) {}
