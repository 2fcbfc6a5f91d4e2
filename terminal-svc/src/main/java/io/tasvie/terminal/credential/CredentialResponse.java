package io.tasvie.terminal.credential;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A terminal's credential: {@code accessToken} opens sessions and calls the terminal API; {@code
 * refreshToken} (only on activation and re-binding) obtains the next access token.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialResponse(
    String terminalId, String accessToken, String tokenType, long expiresIn, String refreshToken) {}
