package io.tasvie.gateway.settings;

/**
 * Where a merchant's payments go. A merchant starts in {@code SANDBOX}: only the test cards pay, at
 * the sandbox acquirer, never a real one. An admin moves it to {@code PRODUCTION} once it has paid,
 * verified and refunded in the sandbox; there test cards are refused.
 */
public enum Environment {
  SANDBOX,
  PRODUCTION
}
