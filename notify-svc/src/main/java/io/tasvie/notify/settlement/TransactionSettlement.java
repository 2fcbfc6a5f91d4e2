package io.tasvie.notify.settlement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;

/** When a transaction is paid out to the merchant, as settlement-svc announced it. */
@Entity
@Table(name = "transaction_settlement")
public class TransactionSettlement {

  @Id
  @Column(name = "transaction_id")
  private UUID transactionId;

  @Column(name = "settlement_date")
  private LocalDate settlementDate;

  @Column(name = "settlement_number")
  private String settlementNumber;

  protected TransactionSettlement() {}

  public TransactionSettlement(UUID transactionId, LocalDate settlementDate, String number) {
    this.transactionId = transactionId;
    this.settlementDate = settlementDate;
    this.settlementNumber = number;
  }

  public LocalDate getSettlementDate() {
    return settlementDate;
  }

  public String getSettlementNumber() {
    return settlementNumber;
  }
}
