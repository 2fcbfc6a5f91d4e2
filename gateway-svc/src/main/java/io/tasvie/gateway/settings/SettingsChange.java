package io.tasvie.gateway.settings;

import io.tasvie.common.contract.MerchantSettingsChangedEvent.Change;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One audited change of a merchant's settings: who, when, and each field old → new. */
@Entity
@Table(name = "merchant_settings_change")
public class SettingsChange {

  @Id private UUID id;

  @Column(name = "merchant_id")
  private UUID merchantId;

  @Column(name = "changed_by")
  private String changedBy;

  private String role;

  @Column(name = "changed_at")
  private Instant changedAt;

  /** As a JSON object {@code {"fields": [...]}}: the reactive driver binds objects, not arrays. */
  @JdbcTypeCode(SqlTypes.JSON)
  private Fields changes;

  public record Fields(List<Change> fields) {}

  protected SettingsChange() {}

  public static SettingsChange record(
      UUID merchantId, String changedBy, String role, List<Change> changes, Instant now) {
    SettingsChange change = new SettingsChange();
    change.id = UUID.randomUUID();
    change.merchantId = merchantId;
    change.changedBy = changedBy;
    change.role = role;
    change.changes = new Fields(List.copyOf(changes));
    change.changedAt = now;
    return change;
  }

  public UUID getId() {
    return id;
  }

  public UUID getMerchantId() {
    return merchantId;
  }

  public String getChangedBy() {
    return changedBy;
  }

  public String getRole() {
    return role;
  }

  public Instant getChangedAt() {
    return changedAt;
  }

  public List<Change> getChanges() {
    return changes.fields();
  }
}
