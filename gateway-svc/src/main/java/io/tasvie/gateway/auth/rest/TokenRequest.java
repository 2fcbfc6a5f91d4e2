package io.tasvie.gateway.auth.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An OAuth 2.0 client-credentials token request (RFC 6749 §4.4), as JSON. */
public record TokenRequest(
    @JsonProperty("grant_type") String grantType,
    @JsonProperty("client_id") String clientId,
    @JsonProperty("client_secret") String clientSecret) {}
