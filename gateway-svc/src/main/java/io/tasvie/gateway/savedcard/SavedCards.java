package io.tasvie.gateway.savedcard;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.card.CardNumber;
import io.tasvie.common.card.CardVault;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Merchants' customers' saved cards: kept with consent, listed masked, opened only to pay. */
@ApplicationScoped
public class SavedCards {

  /** A saved card opened to pay with: its number and expiry, never stored anywhere else. */
  public record Opened(SavedCard saved, CardNumber card, YearMonth expiry) {}

  private final CardCipher cipher;
  private final CardVault tokens;

  public SavedCards(CardCipher cipher, CardVault tokens) {
    this.cipher = cipher;
    this.tokens = tokens;
  }

  @WithSession
  public Uni<List<SavedCard>> list(UUID merchantId, String customerId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "from SavedCard where merchantId = ?1 and customerId = ?2"
                            + " order by createdAt desc",
                        SavedCard.class)
                    .setParameter(1, merchantId)
                    .setParameter(2, customerId)
                    .getResultList());
  }

  /**
   * Keeps the card for the customer, or, if it is kept already, notes its use; must run in the
   * transaction of the authorisation it was paid with.
   */
  public Uni<Void> save(UUID merchantId, String customerId, CardNumber card, YearMonth expiry) {
    String token = tokens.tokenise(card);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "from SavedCard where merchantId = ?1 and customerId = ?2"
                            + " and cardToken = ?3",
                        SavedCard.class)
                    .setParameter(1, merchantId)
                    .setParameter(2, customerId)
                    .setParameter(3, token)
                    .getSingleResultOrNull()
                    .chain(
                        existing -> {
                          if (existing != null) {
                            existing.used(expiry, now);
                            return Uni.createFrom().voidItem();
                          }
                          UUID id = UUID.randomUUID();
                          return session.persist(
                              SavedCard.of(
                                  id,
                                  merchantId,
                                  customerId,
                                  token,
                                  card,
                                  expiry,
                                  cipher.seal(card.digits(), id.toString()),
                                  now));
                        }));
  }

  /** The customer's card {@code cardId}, opened; null if it is not theirs or was deleted. */
  public Uni<Opened> open(UUID merchantId, String customerId, UUID cardId) {
    return find(merchantId, customerId, cardId)
        .map(
            saved ->
                saved == null
                    ? null
                    : new Opened(
                        saved,
                        CardNumber.parse(cipher.open(saved.sealed(), saved.getId().toString())),
                        saved.getExpiry()));
  }

  /** Deletes the card, ciphertext and all; answers whether there was one. */
  public Uni<Boolean> delete(UUID merchantId, String customerId, UUID cardId) {
    return Panache.withTransaction(
        () ->
            find(merchantId, customerId, cardId)
                .chain(
                    saved ->
                        saved == null
                            ? Uni.createFrom().item(false)
                            : Panache.getSession()
                                .chain(session -> session.remove(saved))
                                .replaceWith(true)));
  }

  private static Uni<SavedCard> find(UUID merchantId, String customerId, UUID cardId) {
    return Panache.getSession()
        .chain(session -> session.find(SavedCard.class, cardId))
        .map(
            saved ->
                saved != null
                        && saved.getMerchantId().equals(merchantId)
                        && saved.getCustomerId().equals(customerId)
                    ? saved
                    : null);
  }
}
