package io.tasvie.common.merchant;

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
 * A service's own copy of a merchant registered on gateway-svc, kept from {@code
 * MerchantRegistered} events so that the service never has to call gateway-svc.
 */
@Entity
@Table(name = "merchant_projection")
public class MerchantProjection {

  @Id
  @Column(name = "merchant_id")
  private UUID merchantId;

  @Column(name = "merchant_number")
  private String merchantNumber;

  private String name;
  private String country;
  private String currency;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "callback_domains")
  private List<String> callbackDomains;

  @Column(name = "registered_at")
  private Instant registeredAt;

  protected MerchantProjection() {}

  public UUID getMerchantId() {
    return merchantId;
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

  public Instant getRegisteredAt() {
    return registeredAt;
  }
}
