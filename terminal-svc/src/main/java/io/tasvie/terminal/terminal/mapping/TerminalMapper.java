package io.tasvie.terminal.terminal.mapping;

import io.tasvie.terminal.terminal.Terminal;
import io.tasvie.terminal.terminal.rest.TerminalResponse;
import java.time.Instant;

public final class TerminalMapper {

  private TerminalMapper() {}

  public static TerminalResponse toResponse(Terminal t, boolean online, Instant lastSeenAt) {
    return new TerminalResponse(
        t.getId(),
        t.getTerminalId(),
        t.getMerchantId(),
        t.getKind().name(),
        t.getStatus().name(),
        t.getModel() == null ? null : t.getModel().name(),
        t.getSerialNumber(),
        t.getBluetoothMac(),
        t.getDeviceId(),
        t.getAndroidVersion(),
        t.getQrId(),
        t.getNfcTagId(),
        t.getLabel(),
        t.getOperator(),
        t.getRequestedAt(),
        t.getDecidedAt(),
        t.getRejectReason(),
        t.getActivatedAt(),
        t.getRevokedAt(),
        t.getPairedAt() != null,
        online,
        lastSeenAt);
  }
}
