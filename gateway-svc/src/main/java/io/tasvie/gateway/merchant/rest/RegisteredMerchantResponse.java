package io.tasvie.gateway.merchant.rest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The answer to onboarding: the merchant plus its secret (the legacy {@code Rmz}), shown this once
 * and never again.
 */
public record RegisteredMerchantResponse(@JsonUnwrapped MerchantResponse merchant, String secret) {}
