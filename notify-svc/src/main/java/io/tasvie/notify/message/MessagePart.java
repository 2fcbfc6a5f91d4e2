package io.tasvie.notify.message;

import java.util.UUID;

/**
 * One part of an SMS (a concatenated message has several) and what became of it: {@code SUBMITTED}
 * (taken by the SMSC, no final receipt of its own yet), {@code DELIVERED}, {@code FAILED} or {@code
 * EXPIRED} by its delivery receipt, {@code REFUSED} by the SMSC (with the error), or {@code
 * NOT_SENT} (after a refused part).
 */
public record MessagePart(
    UUID messageId, int part, String providerId, String status, String error) {}
