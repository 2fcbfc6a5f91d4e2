package io.tasvie.gateway.savedcard;

import io.tasvie.common.card.CardNumber;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

/** A card a payer let a merchant keep: shown masked, its number sealed, never its CVC. */
@Entity
@Table(name = "saved_card")
public class SavedCard {

  @Id private UUID id;

  @Column(name = "merchant_id")
  private UUID merchantId;

  @Column(name = "customer_id")
  private String customerId;

  @Column(name = "card_token")
  private String cardToken;

  private String bin;
  private String last4;
  private String brand;

  /** {@code YYYY-MM}. */
  private String expiry;

  @Column(name = "key_id")
  private String keyId;

  @Column(name = "wrapped_key")
  private byte[] wrappedKey;

  private byte[] ciphertext;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  protected SavedCard() {}

  public static SavedCard of(
      UUID id,
      UUID merchantId,
      String customerId,
      String cardToken,
      CardNumber card,
      YearMonth expiry,
      CardCipher.Sealed sealed,
      Instant now) {
    SavedCard saved = new SavedCard();
    saved.id = id;
    saved.merchantId = merchantId;
    saved.customerId = customerId;
    saved.cardToken = cardToken;
    saved.bin = card.bin();
    saved.last4 = card.last4();
    saved.brand = card.brand().name();
    saved.expiry = expiry.toString();
    saved.keyId = sealed.keyId();
    saved.wrappedKey = sealed.wrappedKey();
    saved.ciphertext = sealed.ciphertext();
    saved.createdAt = now;
    return saved;
  }

  public void used(YearMonth expiry, Instant now) {
    this.expiry = expiry.toString();
    this.lastUsedAt = now;
  }

  public CardCipher.Sealed sealed() {
    return new CardCipher.Sealed(keyId, wrappedKey, ciphertext);
  }

  public UUID getId() {
    return id;
  }

  public UUID getMerchantId() {
    return merchantId;
  }

  public String getCustomerId() {
    return customerId;
  }

  public String getCardToken() {
    return cardToken;
  }

  public String getMaskedCard() {
    return CardNumber.mask(bin, last4);
  }

  public String getBrand() {
    return brand;
  }

  public YearMonth getExpiry() {
    return YearMonth.parse(expiry);
  }

  public String getKeyId() {
    return keyId;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getLastUsedAt() {
    return lastUsedAt;
  }
}
