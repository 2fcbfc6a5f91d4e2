package io.tasvie.terminal.terminal;

/** What a terminal is; the kind decides which device facts it is registered with. */
public enum TerminalKind {
  /** A Bluetooth card reader driven by the merchant's phone app. */
  MPOS_BLUETOOTH("MPOS"),
  /** An Android phone or tablet reading contactless cards over NFC. */
  SOFTPOS_NFC("SOFTPOS"),
  /** A checkout counter with a QR code or NFC tag for wallet payments. */
  TILL("WALLET");

  private final String channel;

  TerminalKind(String channel) {
    this.channel = channel;
  }

  /** The payment channel its sales are booked under (settlement fees differ per channel). */
  public String channel() {
    return channel;
  }
}
