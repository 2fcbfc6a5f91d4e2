package io.tasvie.terminal.transaction;

/** How the card was read. */
public enum EntryMode {
  CONTACTLESS,
  CHIP,
  SWIPE
}
