package io.tasvie.terminal.terminal.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * A merchant's request for a terminal. {@code MPOS_BLUETOOTH} needs {@code model}, {@code
 * serialNumber} and {@code bluetoothMac}; {@code SOFTPOS_NFC} needs {@code deviceId}, {@code
 * androidVersion} (7 or later) and {@code nfc: true}; {@code TILL} needs {@code qrId} or {@code
 * nfcTagId}. {@code email} receives the activation code. {@code merchantId} only for an admin.
 */
public record TerminalRequest(
    @NotBlank String kind,
    String model,
    @Pattern(regexp = "[A-Za-z0-9-]{4,32}", message = "must be 4 to 32 letters, digits or dashes")
        String serialNumber,
    @Pattern(
            regexp = "([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}",
            message = "must be a MAC address such as 00:1A:7D:DA:71:13")
        String bluetoothMac,
    @Pattern(regexp = "[A-Za-z0-9._:-]{4,64}", message = "must be 4 to 64 letters or digits")
        String deviceId,
    Integer androidVersion,
    Boolean nfc,
    @Pattern(regexp = "[A-Za-z0-9._-]{4,64}", message = "must be 4 to 64 letters or digits")
        String qrId,
    @Pattern(regexp = "[A-Za-z0-9._:-]{4,64}", message = "must be 4 to 64 letters or digits")
        String nfcTagId,
    @Size(max = 80) String label,
    @NotBlank @Email @Size(max = 254) String email,
    @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code such as en") String language,
    UUID merchantId) {}
