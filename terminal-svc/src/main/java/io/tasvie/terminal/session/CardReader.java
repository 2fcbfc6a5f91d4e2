package io.tasvie.terminal.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.tasvie.common.card.CardNumber;
import io.tasvie.common.card.CardVault;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.terminal.transaction.EntryMode;
import io.tasvie.terminal.transaction.PresentedCard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.YearMonth;

/**
 * The edge for card data: the {@code card} object of a purchase or refund as the sandbox reader
 * gives it ({@code pan}, {@code expiry} as {@code MM/YY}, {@code entryMode}, optional {@code
 * pinBlock}). The PAN is tokenised here; the PIN block is checked for form and dropped.
 */
@ApplicationScoped
public class CardReader {

  private final CardVault vault;

  public CardReader(CardVault vault) {
    this.vault = vault;
  }

  PresentedCard read(JsonNode frame) {
    JsonNode card = Fields.object(frame, "card");
    CardNumber number = CardNumber.parse(Fields.text(card, "pan", true));
    if (number == null) {
      throw ProblemException.badRequest(
          "invalid-card",
          "card.pan is not a card number (12 to 19 digits with a valid check digit)");
    }
    YearMonth expiry = expiry(Fields.text(card, "expiry", true));
    EntryMode entryMode =
        ProblemException.enumValue(
            EntryMode.class, "entry-mode", Fields.text(card, "entryMode", true));
    String pinBlock = Fields.text(card, "pinBlock", false);
    if (pinBlock != null && !pinBlock.matches("[0-9A-Fa-f]{16}")) {
      throw Fields.invalid("card.pinBlock", "must be an ISO 9564 PIN block (16 hex digits)");
    }
    return new PresentedCard(number, expiry, entryMode, pinBlock != null, vault.tokenise(number));
  }

  private static YearMonth expiry(String text) {
    if (!text.matches("(0[1-9]|1[0-2])/[0-9]{2}")) {
      throw Fields.invalid("card.expiry", "must be MM/YY");
    }
    try {
      return YearMonth.of(
          2000 + Integer.parseInt(text.substring(3)), Integer.parseInt(text.substring(0, 2)));
    } catch (DateTimeException e) {
      throw Fields.invalid("card.expiry", "must be MM/YY");
    }
  }
}
