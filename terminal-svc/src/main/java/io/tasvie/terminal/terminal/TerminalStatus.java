package io.tasvie.terminal.terminal;

/** REQUESTED → APPROVED | REJECTED; APPROVED → ACTIVE (activation); any but REJECTED → REVOKED. */
public enum TerminalStatus {
  REQUESTED,
  APPROVED,
  REJECTED,
  ACTIVE,
  REVOKED
}
