package io.tasvie.gateway.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A merchant's payment-method settings: what its checkout accepts and how it is told. */
@Entity
@Table(name = "merchant_settings")
public class MerchantSettings {

  @Id
  @Column(name = "merchant_id")
  private UUID merchantId;

  @Column(name = "store_id")
  private String storeId;

  /** The settlement account the merchant is paid into. */
  @Column(name = "wallet_number")
  private String walletNumber;

  @Enumerated(EnumType.STRING)
  private Environment environment;

  /** The smallest and largest order (minor units) card payment is offered for; null: any. */
  @Column(name = "min_amount")
  private Long minAmount;

  @Column(name = "max_amount")
  private Long maxAmount;

  @Enumerated(EnumType.STRING)
  @Column(name = "discount_type")
  private Discount.Type discountType;

  @Column(name = "discount_value")
  private Long discountValue;

  @Column(name = "discount_cap")
  private Long discountCap;

  /** While on, no new payment is taken; authorised ones can still be verified or reversed. */
  private boolean maintenance;

  @Column(name = "notify_url")
  private String notifyUrl;

  @Column(name = "save_cards")
  private boolean saveCards;

  @Column(name = "require_signed_requests")
  private boolean requireSignedRequests;

  @Column(name = "updated_at")
  private Instant updatedAt;

  protected MerchantSettings() {}

  /** A new merchant's: sandbox, no limits, no discount, nothing saved, unsigned requests taken. */
  public static MerchantSettings defaults(UUID merchantId, Instant now) {
    MerchantSettings settings = new MerchantSettings();
    settings.merchantId = merchantId;
    settings.environment = Environment.SANDBOX;
    settings.updatedAt = now;
    return settings;
  }

  /** Takes every value of {@code next} (a detached copy the caller built and checked). */
  public void replaceWith(MerchantSettings next, Instant now) {
    storeId = next.storeId;
    walletNumber = next.walletNumber;
    environment = next.environment;
    minAmount = next.minAmount;
    maxAmount = next.maxAmount;
    discountType = next.discountType;
    discountValue = next.discountValue;
    discountCap = next.discountCap;
    maintenance = next.maintenance;
    notifyUrl = next.notifyUrl;
    saveCards = next.saveCards;
    requireSignedRequests = next.requireSignedRequests;
    updatedAt = now;
  }

  /** A detached value with these fields, to compare with and then apply to the stored one. */
  public static MerchantSettings of(
      UUID merchantId,
      String storeId,
      String walletNumber,
      Environment environment,
      Long minAmount,
      Long maxAmount,
      Discount discount,
      boolean maintenance,
      String notifyUrl,
      boolean saveCards,
      boolean requireSignedRequests) {
    MerchantSettings settings = new MerchantSettings();
    settings.merchantId = merchantId;
    settings.storeId = storeId;
    settings.walletNumber = walletNumber;
    settings.environment = environment;
    settings.minAmount = minAmount;
    settings.maxAmount = maxAmount;
    settings.discountType = discount == null ? null : discount.type();
    settings.discountValue = discount == null ? null : discount.value();
    settings.discountCap = discount == null ? null : discount.cap();
    settings.maintenance = maintenance;
    settings.notifyUrl = notifyUrl;
    settings.saveCards = saveCards;
    settings.requireSignedRequests = requireSignedRequests;
    return settings;
  }

  public UUID getMerchantId() {
    return merchantId;
  }

  public String getStoreId() {
    return storeId;
  }

  public String getWalletNumber() {
    return walletNumber;
  }

  public Environment getEnvironment() {
    return environment;
  }

  public Long getMinAmount() {
    return minAmount;
  }

  public Long getMaxAmount() {
    return maxAmount;
  }

  /** The card discount, or null for none. */
  public Discount getDiscount() {
    return discountType == null ? null : new Discount(discountType, discountValue, discountCap);
  }

  public boolean isMaintenance() {
    return maintenance;
  }

  public String getNotifyUrl() {
    return notifyUrl;
  }

  public boolean isSaveCards() {
    return saveCards;
  }

  public boolean isRequireSignedRequests() {
    return requireSignedRequests;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
