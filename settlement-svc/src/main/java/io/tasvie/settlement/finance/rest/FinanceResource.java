package io.tasvie.settlement.finance.rest;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.Roles;
import io.tasvie.settlement.calendar.Jalali;
import io.tasvie.settlement.finance.service.ExportService;
import io.tasvie.settlement.finance.service.Payout;
import io.tasvie.settlement.finance.service.Reconciliation;
import io.tasvie.settlement.finance.service.ReconciliationService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Settlement days for finance: exports (CSV, ISO 20022 pain.001) and the reconciliation report. */
@Path("/v1")
@RolesAllowed({Roles.FINANCE, Roles.ADMIN})
public class FinanceResource {

  static final String PAIN_001 = "application/vnd.iso20022.pain.001.001.09+xml";

  private final ExportService exports;
  private final ReconciliationService reconciliation;

  public FinanceResource(ExportService exports, ReconciliationService reconciliation) {
    this.exports = exports;
    this.reconciliation = reconciliation;
  }

  /**
   * Batches settled from {@code from} to {@code to}: {@code format=csv} lists every closed or paid
   * batch with its totals; {@code format=pain001} is the credit-transfer file paying the closed,
   * unpaid ones in {@code currency}.
   */
  @GET
  @Path("settlement-exports")
  @Produces({"text/csv", PAIN_001, MediaType.APPLICATION_XML})
  public Uni<Response> export(
      @RestQuery String from,
      @RestQuery String to,
      @RestQuery String currency,
      @RestQuery String format) {
    LocalDate start = date("from", from);
    LocalDate end = date("to", to);
    if (currency != null && !currency.matches("[A-Z]{3}")) {
      throw ProblemException.badRequest("invalid-currency", "currency must be an ISO 4217 code");
    }
    String name = "settlement-" + start + "-" + end + (currency == null ? "" : "-" + currency);
    return switch (format == null ? "csv" : format) {
      case "csv" ->
          exports
              .report(start, end, currency)
              .map(payouts -> attachment(csv(payouts), "text/csv; charset=utf-8", name + ".csv"));
      case "pain001" ->
          exports
              .pain001(start, end, currency)
              .map(xml -> attachment(xml, PAIN_001, name + ".pain001.xml"));
      default ->
          throw ProblemException.badRequest("invalid-format", "format must be csv or pain001");
    };
  }

  /** Whether the day's batches, lines and ledger agree, with what does not. */
  @GET
  @Path("reconciliation/{settlementDate}")
  public Uni<Reconciliation> reconcile(@RestPath String settlementDate) {
    return reconciliation.reconcile(date("settlementDate", settlementDate));
  }

  private static String csv(List<Payout> payouts) {
    Csv csv =
        new Csv()
            .row(
                "settlement_number",
                "settlement_date",
                "settlement_date_jalali",
                "merchant_id",
                "merchant_name",
                "currency",
                "status",
                "captured_count",
                "captured_amount",
                "refund_count",
                "refunded_amount",
                "fee_amount",
                "operator_amount",
                "carried_in",
                "payout_amount",
                "carried_out",
                "iban");
    for (Payout p : payouts) {
      csv.row(
          p.settlementNumber(),
          p.settlementDate(),
          Jalali.format(p.settlementDate()),
          p.merchantId(),
          p.merchantName(),
          p.currency(),
          p.status(),
          p.capturedCount(),
          p.capturedAmount(),
          p.refundCount(),
          p.refundedAmount(),
          p.feeAmount(),
          p.operatorAmount(),
          p.carriedIn(),
          p.payoutAmount(),
          p.carriedOut(),
          p.iban());
    }
    return csv.toString();
  }

  private static Response attachment(String body, String type, String fileName) {
    return Response.ok(body, type)
        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
        .build();
  }

  private static LocalDate date(String name, String value) {
    if (value == null) {
      throw ProblemException.badRequest("invalid-date", name + " is required, YYYY-MM-DD");
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest("invalid-date", name + " must be YYYY-MM-DD");
    }
  }
}
