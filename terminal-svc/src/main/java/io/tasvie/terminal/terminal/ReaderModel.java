package io.tasvie.terminal.terminal;

/** The Bluetooth readers the platform supports. */
public enum ReaderModel {
  AMP_2000,
  NEXGO_K206
}
