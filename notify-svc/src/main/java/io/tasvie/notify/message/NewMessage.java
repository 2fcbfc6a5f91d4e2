package io.tasvie.notify.message;

import io.tasvie.notify.message.Message.Channel;
import io.tasvie.notify.message.Message.Kind;
import io.tasvie.notify.message.Message.Status;
import java.time.Instant;
import java.util.UUID;

/**
 * A message to be written: QUEUED to send, or REJECTED with {@code lastError} when it cannot be
 * sent at all. {@code idempotencyKey} makes a second request for the same thing a no-op.
 */
public record NewMessage(
    UUID id,
    String idempotencyKey,
    UUID merchantId,
    Kind kind,
    Channel channel,
    UUID transactionId,
    String terminalId,
    String recipient,
    String sender,
    String language,
    String subject,
    String body,
    String receiptJson,
    String encoding,
    int segments,
    Status status,
    String lastError,
    UUID resendOf,
    Instant expiresAt) {}
