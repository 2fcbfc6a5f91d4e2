package io.tasvie.gateway.notification.rest;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.MerchantClaim;
import io.tasvie.common.security.Roles;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A merchant's notifications: each with its attempts and outcomes, newest first; a merchant (or an
 * admin) can ask for one to be delivered again.
 */
@Path("/v1/merchants/{merchantId}/notifications")
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT})
public class NotificationResource {

  public enum Status {
    PENDING,
    DELIVERED,
    FAILED
  }

  public record Attempt(
      int attempt, OffsetDateTime attemptedAt, Integer statusCode, String error, int durationMs) {}

  public record NotificationResponse(
      UUID notificationId,
      UUID paymentId,
      String type,
      String url,
      String status,
      int attempts,
      OffsetDateTime nextAttemptAt,
      OffsetDateTime lastAttemptAt,
      Integer lastStatus,
      String lastError,
      OffsetDateTime createdAt,
      OffsetDateTime deliveredAt,
      List<Attempt> history) {}

  public record NotificationList(
      List<NotificationResponse> items, int page, int size, boolean hasMore) {}

  private static final String COLUMNS =
      "id, payment_id, event_type, url, status, attempts, next_attempt_at, last_attempt_at,"
          + " last_status, last_error, created_at, delivered_at";

  private final Pool pool;
  private final JsonWebToken jwt;

  public NotificationResource(Pool pool, JsonWebToken jwt) {
    this.pool = pool;
    this.jwt = jwt;
  }

  @GET
  public Uni<NotificationList> list(
      @RestPath UUID merchantId,
      @RestQuery String status,
      @RestQuery UUID paymentId,
      @RestQuery @Min(0) Integer page,
      @RestQuery @Min(1) @Max(100) Integer size) {
    MerchantClaim.requireOwn(jwt, merchantId);
    Status wanted = ProblemException.enumValue(Status.class, "status", status);
    int pageIndex = page == null ? 0 : page;
    int pageSize = size == null ? 20 : size;
    return pool.preparedQuery(
            "select "
                + COLUMNS
                + " from merchant_notification where merchant_id = $1"
                + " and ($2::text is null or status = $2) and ($3::uuid is null or payment_id = $3)"
                + " order by created_at desc, id limit $4 offset $5")
        .execute(
            Tuple.of(
                merchantId,
                wanted == null ? null : wanted.name(),
                paymentId,
                pageSize + 1,
                pageIndex * pageSize))
        .chain(this::withHistory)
        .map(
            found ->
                new NotificationList(
                    found.stream().limit(pageSize).toList(),
                    pageIndex,
                    pageSize,
                    found.size() > pageSize));
  }

  @GET
  @Path("{notificationId}")
  public Uni<NotificationResponse> get(@RestPath UUID merchantId, @RestPath UUID notificationId) {
    MerchantClaim.requireOwn(jwt, merchantId);
    return one(merchantId, notificationId);
  }

  /**
   * Delivers the notification again, with the same id, from the start of the retry schedule,
   * whether it was delivered, failed or is still being retried.
   */
  @POST
  @Path("{notificationId}/redeliver")
  public Uni<RestResponse<NotificationResponse>> redeliver(
      @RestPath UUID merchantId, @RestPath UUID notificationId) {
    MerchantClaim.requireOwn(jwt, merchantId);
    return pool.preparedQuery(
            "update merchant_notification set status = 'PENDING', retry_step = 0,"
                + " next_attempt_at = now() where merchant_id = $1 and id = $2")
        .execute(Tuple.of(merchantId, notificationId))
        .chain(
            updated -> {
              if (updated.rowCount() == 0) {
                throw ProblemException.notFound("notification", notificationId);
              }
              return one(merchantId, notificationId);
            })
        .map(n -> RestResponse.status(RestResponse.Status.ACCEPTED, n));
  }

  private Uni<NotificationResponse> one(UUID merchantId, UUID notificationId) {
    return pool.preparedQuery(
            "select " + COLUMNS + " from merchant_notification where merchant_id = $1 and id = $2")
        .execute(Tuple.of(merchantId, notificationId))
        .chain(this::withHistory)
        .map(
            found -> {
              if (found.isEmpty()) {
                throw ProblemException.notFound("notification", notificationId);
              }
              return found.get(0);
            });
  }

  /** The notifications of {@code rows} with their attempts, read in one more query. */
  private Uni<List<NotificationResponse>> withHistory(RowSet<Row> rows) {
    Map<UUID, Row> byId = new LinkedHashMap<>();
    rows.forEach(row -> byId.put(row.getUUID("id"), row));
    if (byId.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return pool.preparedQuery(
            "select notification_id, attempt, attempted_at, status_code, error, duration_ms"
                + " from merchant_notification_attempt where notification_id = any($1)"
                + " order by notification_id, attempt")
        .execute(Tuple.of(byId.keySet().toArray(UUID[]::new)))
        .map(
            attempts -> {
              Map<UUID, List<Attempt>> history = new LinkedHashMap<>();
              attempts.forEach(
                  a ->
                      history
                          .computeIfAbsent(a.getUUID("notification_id"), id -> new ArrayList<>())
                          .add(
                              new Attempt(
                                  a.getInteger("attempt"),
                                  a.getOffsetDateTime("attempted_at"),
                                  a.getInteger("status_code"),
                                  a.getString("error"),
                                  a.getInteger("duration_ms"))));
              return byId.values().stream()
                  .map(row -> toResponse(row, history.getOrDefault(row.getUUID("id"), List.of())))
                  .toList();
            });
  }

  private static NotificationResponse toResponse(Row row, List<Attempt> history) {
    return new NotificationResponse(
        row.getUUID("id"),
        row.getUUID("payment_id"),
        row.getString("event_type"),
        row.getString("url"),
        row.getString("status"),
        row.getInteger("attempts"),
        row.getOffsetDateTime("next_attempt_at"),
        row.getOffsetDateTime("last_attempt_at"),
        row.getInteger("last_status"),
        row.getString("last_error"),
        row.getOffsetDateTime("created_at"),
        row.getOffsetDateTime("delivered_at"),
        history);
  }
}
