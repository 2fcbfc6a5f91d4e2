package io.tasvie.terminal.terminal;

/** What a terminal request says about the device; which fields apply depends on the kind. */
public record DeviceFacts(
    ReaderModel model,
    String serialNumber,
    String bluetoothMac,
    String deviceId,
    Integer androidVersion,
    String qrId,
    String nfcTagId,
    String label) {}
