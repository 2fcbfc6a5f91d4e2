package io.tasvie.notify.dispatch;

import io.tasvie.notify.message.Message.Channel;
import java.util.UUID;

/** A claimed message as a sender needs it; {@code attempts} counts this one. */
public record Outgoing(
    UUID id,
    Channel channel,
    String recipient,
    String sender,
    String subject,
    String body,
    int attempts) {}
