package io.tasvie.settlement.batch.rest;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.ChannelTotals;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.MerchantClaim;
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
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Settlement batches: finance lists, reads and marks them paid; a merchant reads its own (another
 * merchant's batch is not found).
 */
@Path("/v1/settlement-batches")
@RolesAllowed({Roles.FINANCE, Roles.ADMIN, Roles.MERCHANT})
public class BatchResource {

  private final BatchService batches;
  private final JsonWebToken jwt;

  public BatchResource(BatchService batches, JsonWebToken jwt) {
    this.batches = batches;
    this.jwt = jwt;
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
    UUID scope = MerchantClaim.scope(jwt);
    if (scope != null && merchantId != null && !scope.equals(merchantId)) {
      return Uni.createFrom().item(List.of()); // a merchant sees only its own batches
    }
    return batches
        .search(
            scope != null ? scope : merchantId,
            date(settlementDate),
            ProblemException.enumValue(BatchStatus.class, "status", status),
            offset,
            pageSize)
        .map(found -> found.stream().map(batch -> toResponse(batch, null)).toList());
  }

  @GET
  @Path("{batchId}")
  public Uni<BatchResponse> get(@RestPath UUID batchId) {
    UUID scope = MerchantClaim.scope(jwt);
    return batches
        .find(batchId)
        .onItem()
        .transform(
            batch ->
                scope == null || batch == null || scope.equals(batch.getMerchantId())
                    ? batch
                    : null)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("batch", batchId))
        .chain(batch -> batches.channels(batchId).map(channels -> toResponse(batch, channels)));
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
            "settlement_number,settlement_date,currency,payment_id,refund_id,kind,channel,amount,fee,occurred_at\r\n");
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
          .append(item.fee())
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
        ((Number) row[6]).longValue(),
        instant(row[5]));
  }

  private static Instant instant(Object value) {
    return value instanceof OffsetDateTime time ? time.toInstant() : (Instant) value;
  }

  @POST
  @Path("{batchId}/paid")
  @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
  public Uni<BatchResponse> markPaid(
      @RestPath UUID batchId, @Valid @NotNull MarkPaidRequest request) {
    return batches
        .markPaid(batchId, request.bankReference().strip())
        .chain(batch -> batches.channels(batchId).map(channels -> toResponse(batch, channels)));
  }

  /** {@code channels} only when one batch is read (null in lists). */
  static BatchResponse toResponse(SettlementBatch batch, List<ChannelTotals> channels) {
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
        batch.getFeeAmount(),
        batch.getOperatorAmount(),
        batch.getCarriedIn(),
        batch.netAmount(),
        batch.getPayoutAmount(),
        batch.getCarriedOut(),
        batch.getCapturedCount(),
        batch.getRefundCount(),
        channels,
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
