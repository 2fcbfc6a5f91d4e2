package io.tasvie.terminal.terminal.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A terminal as the back office sees it, with its presence. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TerminalResponse(
    UUID id,
    String terminalId,
    UUID merchantId,
    String kind,
    String status,
    String model,
    String serialNumber,
    String bluetoothMac,
    String deviceId,
    Integer androidVersion,
    String qrId,
    String nfcTagId,
    String label,
    String operator,
    Instant requestedAt,
    Instant decidedAt,
    String rejectReason,
    Instant activatedAt,
    Instant revokedAt,
    boolean paired,
    boolean online,
    Instant lastSeenAt) {}
