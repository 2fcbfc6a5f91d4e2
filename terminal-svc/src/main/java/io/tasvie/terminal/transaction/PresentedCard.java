package io.tasvie.terminal.transaction;

import io.tasvie.common.card.CardNumber;
import java.time.YearMonth;

/**
 * A card as the reader gave it, after the edge: the clear number lives only here, for one
 * authorisation; the token and masked form are what is kept. Whether a PIN was entered is all that
 * is known of the PIN block.
 */
public record PresentedCard(
    CardNumber number, YearMonth expiry, EntryMode entryMode, boolean pinEntered, String token) {

  public String masked() {
    return number.masked();
  }

  public String brand() {
    return number.brand().name();
  }

  @Override
  public String toString() {
    return masked() + " " + entryMode;
  }
}
