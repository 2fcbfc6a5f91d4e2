package io.tasvie.settlement.batch.rest;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.Roles;
import io.tasvie.settlement.batch.BatchStatus;
import io.tasvie.settlement.batch.SettlementBatch;
import io.tasvie.settlement.batch.service.BatchService;
import io.tasvie.settlement.calendar.Jalali;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Settlement batches for finance: list, read, mark paid. */
@Path("/v1/settlement-batches")
@RolesAllowed({Roles.FINANCE, Roles.ADMIN})
public class BatchResource {

  private final BatchService batches;

  public BatchResource(BatchService batches) {
    this.batches = batches;
  }

  /** The bank's reference of the transfer that paid the batch out. */
  public record MarkPaidRequest(@NotBlank @Size(max = 64) String bankReference) {}

  @GET
  public Uni<List<BatchResponse>> list(
      @RestQuery UUID merchantId,
      @RestQuery String settlementDate,
      @RestQuery String status,
      @RestQuery @Min(0) Integer page,
      @RestQuery @Min(1) @Max(200) Integer size) {
    int pageSize = size == null ? 50 : size;
    int offset = (page == null ? 0 : page) * pageSize;
    return batches
        .search(
            merchantId,
            date(settlementDate),
            ProblemException.enumValue(BatchStatus.class, "status", status),
            offset,
            pageSize)
        .map(found -> found.stream().map(BatchResource::toResponse).toList());
  }

  @GET
  @Path("{batchId}")
  public Uni<BatchResponse> get(@RestPath UUID batchId) {
    return batches
        .find(batchId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("batch", batchId))
        .map(BatchResource::toResponse);
  }

  /** The batch's lines: as JSON, or as CSV for a spreadsheet ({@code Accept: text/csv}). */
  @GET
  @Path("{batchId}/items")
  @Produces({MediaType.APPLICATION_JSON, "text/csv"})
  public Uni<Response> items(@RestPath UUID batchId, HttpHeaders headers) {
    boolean csv =
        headers.getAcceptableMediaTypes().stream()
            .anyMatch(type -> "text".equals(type.getType()) && "csv".equals(type.getSubtype()));
    return get(batchId)
        .chain(batch -> batches.items(batchId).map(rows -> csv ? csv(batch, rows) : json(rows)));
  }

  private static Response json(List<Object[]> rows) {
    return Response.ok(rows.stream().map(BatchResource::item).toList(), MediaType.APPLICATION_JSON)
        .build();
  }

  private static Response csv(BatchResponse batch, List<Object[]> rows) {
    StringBuilder out =
        new StringBuilder(
            "settlement_number,settlement_date,currency,payment_id,refund_id,kind,channel,amount,occurred_at\r\n");
    for (Object[] row : rows) {
      BatchItemResponse item = item(row);
      out.append(batch.settlementNumber())
          .append(',')
          .append(batch.settlementDate())
          .append(',')
          .append(batch.currency())
          .append(',')
          .append(item.paymentId())
          .append(',')
          .append(item.refundId() == null ? "" : item.refundId())
          .append(',')
          .append(item.kind())
          .append(',')
          .append(item.channel())
          .append(',')
          .append(item.kind().equals("REFUND") ? -item.amount() : item.amount())
          .append(',')
          .append(item.occurredAt())
          .append("\r\n");
    }
    return Response.ok(out.toString(), "text/csv; charset=utf-8")
        .header(
            "Content-Disposition",
            "attachment; filename=\"settlement-" + batch.settlementNumber() + ".csv\"")
        .build();
  }

  private static BatchItemResponse item(Object[] row) {
    return new BatchItemResponse(
        (UUID) row[0],
        (UUID) row[1],
        (String) row[2],
        (String) row[3],
        ((Number) row[4]).longValue(),
        instant(row[5]));
  }

  private static Instant instant(Object value) {
    return value instanceof OffsetDateTime time ? time.toInstant() : (Instant) value;
  }

  @POST
  @Path("{batchId}/paid")
  public Uni<BatchResponse> markPaid(
      @RestPath UUID batchId, @Valid @NotNull MarkPaidRequest request) {
    return batches
        .markPaid(batchId, request.bankReference().strip())
        .map(BatchResource::toResponse);
  }

  static BatchResponse toResponse(SettlementBatch batch) {
    return new BatchResponse(
        batch.getId(),
        batch.getMerchantId(),
        batch.getSettlementDate(),
        Jalali.format(batch.getSettlementDate()),
        batch.getSettlementNumber(),
        batch.getCurrency(),
        batch.getStatus(),
        batch.getCapturedAmount(),
        batch.getRefundedAmount(),
        batch.netAmount(),
        batch.getCapturedCount(),
        batch.getRefundCount(),
        batch.getClosesAt(),
        batch.getClosedAt(),
        batch.getPaidAt(),
        batch.getBankReference());
  }

  private static LocalDate date(String value) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest("invalid-date", "settlementDate must be YYYY-MM-DD");
    }
  }
}
