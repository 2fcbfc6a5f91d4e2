package io.tasvie.gateway.payment.rest;

import java.util.List;

/** One page of payments, newest first; {@code hasMore} tells whether the next page has any. */
public record PaymentListResponse(
    List<PaymentResponse> items, int page, int size, boolean hasMore) {}
