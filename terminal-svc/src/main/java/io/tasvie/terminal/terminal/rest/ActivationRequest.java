package io.tasvie.terminal.terminal.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The app's activation: the merchant number, the e-mailed code, the device it runs on and, for
 * SoftPOS (optional for the others), the supervisor code the merchant chooses (4 to 8 digits).
 */
public record ActivationRequest(
    @NotBlank @Size(max = 32) String merchantNumber,
    @NotBlank @Size(max = 32) String activationCode,
    @NotBlank
        @Pattern(regexp = "[A-Za-z0-9._:-]{4,64}", message = "must be 4 to 64 letters or digits")
        String deviceId,
    @Pattern(regexp = "[0-9]{4,8}", message = "must be 4 to 8 digits") String supervisorCode) {}
