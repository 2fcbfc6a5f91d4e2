package io.tasvie.common.card;

import io.tasvie.common.crypto.HmacKey;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns a card number into a token at the edge: a keyed hash, so the same card always gets the same
 * token (for saved cards and fraud checks) and the number cannot be recovered from it.
 */
@ApplicationScoped
public class CardVault {

  private final HmacKey key;

  public CardVault(@ConfigProperty(name = "tasvie.card.token-key") String tokenKey) {
    this.key = new HmacKey(tokenKey);
  }

  public String tokenise(CardNumber card) {
    return "tok_" + key.tag(card.digits());
  }
}
