package io.tasvie.gateway.merchant.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record MerchantResponse(
    UUID merchantId,
    String merchantNumber,
    String name,
    String country,
    String currency,
    List<String> callbackDomains,
    Instant registeredAt) {}
