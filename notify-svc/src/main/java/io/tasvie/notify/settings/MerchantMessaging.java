package io.tasvie.notify.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * How a merchant's messages are written and sent: receipt language, SMS sender name, and the
 * countries besides its own whose mobile numbers it serves. Absent: the platform's defaults.
 */
@Entity
@Table(name = "merchant_messaging")
public class MerchantMessaging {

  @Id
  @Column(name = "merchant_id")
  private UUID merchantId;

  private String language;

  @Column(name = "sms_sender")
  private String smsSender;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "served_countries")
  private List<String> servedCountries;

  @Column(name = "updated_at")
  private Instant updatedAt;

  protected MerchantMessaging() {}

  public MerchantMessaging(
      UUID merchantId, String language, String smsSender, List<String> servedCountries) {
    this.merchantId = merchantId;
    this.language = language;
    this.smsSender = smsSender;
    this.servedCountries = List.copyOf(servedCountries);
    this.updatedAt = Instant.now();
  }

  public UUID getMerchantId() {
    return merchantId;
  }

  public String getLanguage() {
    return language;
  }

  public String getSmsSender() {
    return smsSender;
  }

  public List<String> getServedCountries() {
    return servedCountries;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
