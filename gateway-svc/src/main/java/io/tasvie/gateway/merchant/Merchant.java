package io.tasvie.gateway.merchant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A merchant onboarded on the platform: the legacy gateway's account ({@code ID}). */
@Entity
@Table(name = "merchant")
public class Merchant {

  @Id private UUID id;

  @Column(name = "merchant_number", nullable = false, unique = true, updatable = false)
  private String merchantNumber;

  private String name;
  private String country;
  private String currency;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "callback_domains")
  private List<String> callbackDomains;

  /**
   * bcrypt hash of the merchant's secret (the legacy {@code Rmz}); the secret itself is never kept.
   */
  @Column(name = "secret_hash")
  private String secretHash;

  @Column(name = "registered_at")
  private Instant registeredAt;

  protected Merchant() {}

  public static Merchant register(
      String merchantNumber,
      String name,
      String country,
      String currency,
      List<String> callbackDomains,
      String secretHash,
      Instant now) {
    Merchant merchant = new Merchant();
    merchant.id = UUID.randomUUID();
    merchant.merchantNumber = merchantNumber;
    merchant.name = name;
    merchant.country = country;
    merchant.currency = currency;
    merchant.callbackDomains = List.copyOf(callbackDomains);
    merchant.secretHash = secretHash;
    merchant.registeredAt = now;
    return merchant;
  }

  /** The hosts the payer may be sent back to (and their subdomains), lower-case, each once. */
  public void changeCallbackDomains(List<String> domains) {
    this.callbackDomains = List.copyOf(domains);
  }

  public UUID getId() {
    return id;
  }

  public String getMerchantNumber() {
    return merchantNumber;
  }

  public String getName() {
    return name;
  }

  public String getCountry() {
    return country;
  }

  public String getCurrency() {
    return currency;
  }

  public List<String> getCallbackDomains() {
    return callbackDomains;
  }

  public String getSecretHash() {
    return secretHash;
  }

  public Instant getRegisteredAt() {
    return registeredAt;
  }
}
