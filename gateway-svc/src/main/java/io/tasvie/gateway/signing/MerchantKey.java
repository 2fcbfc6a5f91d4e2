package io.tasvie.gateway.signing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A merchant's public key under a key index: ACTIVE until revoked, never deleted. */
@Entity
@Table(name = "merchant_key")
@IdClass(MerchantKey.Id.class)
public class MerchantKey {

  public record Id(UUID merchantId, int keyIndex) implements Serializable {}

  public static final String ACTIVE = "ACTIVE";
  public static final String REVOKED = "REVOKED";

  @jakarta.persistence.Id
  @Column(name = "merchant_id")
  private UUID merchantId;

  @jakarta.persistence.Id
  @Column(name = "key_index")
  private int keyIndex;

  private String algorithm;
  private int bits;

  @Column(name = "public_key")
  private String publicKey;

  private String fingerprint;
  private String status;

  @Column(name = "created_at")
  private Instant createdAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected MerchantKey() {}

  public static MerchantKey of(UUID merchantId, int keyIndex, PublicKeys.Parsed key, Instant now) {
    MerchantKey merchantKey = new MerchantKey();
    merchantKey.merchantId = merchantId;
    merchantKey.keyIndex = keyIndex;
    merchantKey.algorithm = key.algorithm();
    merchantKey.bits = key.bits();
    merchantKey.publicKey = key.pem();
    merchantKey.fingerprint = key.fingerprint();
    merchantKey.status = ACTIVE;
    merchantKey.createdAt = now;
    return merchantKey;
  }

  public void revoke(Instant now) {
    if (isActive()) {
      status = REVOKED;
      revokedAt = now;
    }
  }

  public boolean isActive() {
    return ACTIVE.equals(status);
  }

  public UUID getMerchantId() {
    return merchantId;
  }

  public int getKeyIndex() {
    return keyIndex;
  }

  public String getAlgorithm() {
    return algorithm;
  }

  public int getBits() {
    return bits;
  }

  public String getPublicKey() {
    return publicKey;
  }

  public String getFingerprint() {
    return fingerprint;
  }

  public String getStatus() {
    return status;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getRevokedAt() {
    return revokedAt;
  }
}
