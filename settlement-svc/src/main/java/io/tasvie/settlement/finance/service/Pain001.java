package io.tasvie.settlement.finance.service;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.MxWriteParams;
import com.prowidesoftware.swift.model.mx.dic.AccountIdentification4Choice;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.AmountType4Choice;
import com.prowidesoftware.swift.model.mx.dic.BranchAndFinancialInstitutionIdentification6;
import com.prowidesoftware.swift.model.mx.dic.CashAccount38;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.CustomerCreditTransferInitiationV09;
import com.prowidesoftware.swift.model.mx.dic.DateAndDateTime2Choice;
import com.prowidesoftware.swift.model.mx.dic.FinancialInstitutionIdentification18;
import com.prowidesoftware.swift.model.mx.dic.GenericFinancialIdentification1;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader85;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification135;
import com.prowidesoftware.swift.model.mx.dic.PaymentIdentification6;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction30;
import com.prowidesoftware.swift.model.mx.dic.PaymentMethod3Code;
import com.prowidesoftware.swift.model.mx.dic.RemittanceInformation16;
import io.tasvie.common.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An ISO 20022 pain.001.001.09 customer credit transfer initiation paying out batches: one payment
 * instruction per settlement date (its requested execution date), one transfer per batch with the
 * NoTasvie as end-to-end id, from the platform's account in that currency.
 */
public final class Pain001 {

  /** The platform's account the transfers are paid from. */
  public record Debtor(String name, String iban, String bic) {}

  private Pain001() {}

  /** The document's XML; {@code payouts} are of one currency, each with an account. */
  public static String document(
      String messageId, OffsetDateTime created, Debtor debtor, List<Payout> payouts) {
    Map<LocalDate, List<Payout>> byDate = new TreeMap<>();
    for (Payout payout : payouts) {
      byDate.computeIfAbsent(payout.settlementDate(), date -> new ArrayList<>()).add(payout);
    }
    CustomerCreditTransferInitiationV09 initiation =
        new CustomerCreditTransferInitiationV09()
            .setGrpHdr(
                new GroupHeader85()
                    .setMsgId(messageId)
                    .setCreDtTm(created)
                    .setNbOfTxs(Integer.toString(payouts.size()))
                    .setCtrlSum(sum(payouts))
                    .setInitgPty(new PartyIdentification135().setNm(debtor.name())));
    int instruction = 0;
    for (Map.Entry<LocalDate, List<Payout>> date : byDate.entrySet()) {
      PaymentInstruction30 payments =
          new PaymentInstruction30()
              .setPmtInfId(messageId + "-" + ++instruction)
              .setPmtMtd(PaymentMethod3Code.TRF)
              .setNbOfTxs(Integer.toString(date.getValue().size()))
              .setCtrlSum(sum(date.getValue()))
              .setReqdExctnDt(new DateAndDateTime2Choice().setDt(date.getKey()))
              .setDbtr(new PartyIdentification135().setNm(debtor.name()))
              .setDbtrAcct(account(debtor.iban()))
              .setDbtrAgt(agent(debtor.bic()));
      for (Payout payout : date.getValue()) {
        payments.addCdtTrfTxInf(transfer(payout));
      }
      initiation.addPmtInf(payments);
    }
    MxWriteParams unprefixed = new MxWriteParams(); // the default namespace, as banks expect
    return new MxPain00100109().setCstmrCdtTrfInitn(initiation).document(unprefixed);
  }

  private static CreditTransferTransaction34 transfer(Payout payout) {
    return new CreditTransferTransaction34()
        .setPmtId(
            new PaymentIdentification6()
                .setInstrId(payout.settlementNumber())
                .setEndToEndId(payout.settlementNumber()))
        .setAmt(
            new AmountType4Choice()
                .setInstdAmt(
                    new ActiveOrHistoricCurrencyAndAmount()
                        .setCcy(payout.currency())
                        .setValue(amount(payout))))
        .setCdtr(new PartyIdentification135().setNm(payout.accountHolder()))
        .setCdtrAcct(account(payout.iban()))
        .setRmtInf(
            new RemittanceInformation16()
                .addUstrd(
                    "Tasvie settlement "
                        + payout.settlementNumber()
                        + " of "
                        + payout.settlementDate()));
  }

  private static CashAccount38 account(String iban) {
    return new CashAccount38().setId(new AccountIdentification4Choice().setIBAN(iban));
  }

  /** The debtor's bank by BIC when configured, otherwise "not provided" as ISO 20022 allows. */
  private static BranchAndFinancialInstitutionIdentification6 agent(String bic) {
    FinancialInstitutionIdentification18 institution = new FinancialInstitutionIdentification18();
    if (bic == null) {
      institution.setOthr(new GenericFinancialIdentification1().setId("NOTPROVIDED"));
    } else {
      institution.setBICFI(bic);
    }
    return new BranchAndFinancialInstitutionIdentification6().setFinInstnId(institution);
  }

  private static BigDecimal amount(Payout payout) {
    return Money.of(payout.payoutAmount(), payout.currency()).toMajor();
  }

  private static BigDecimal sum(List<Payout> payouts) {
    return payouts.stream().map(Pain001::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
