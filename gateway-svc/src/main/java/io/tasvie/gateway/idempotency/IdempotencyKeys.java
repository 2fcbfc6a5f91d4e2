package io.tasvie.gateway.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Stripe-style {@code Idempotency-Key}s: the first request with a key does its work and its
 * response is kept with the key, in the same transaction; a retry with the same key and the same
 * request gets that response again, a different request with the key gets 422.
 *
 * <p>The key row is inserted before the work, so a concurrent retry blocks on it until the first
 * request commits (then replays) or rolls back (then does the work itself).
 */
@ApplicationScoped
public class IdempotencyKeys {

  private final ObjectMapper mapper;

  public IdempotencyKeys(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A response to send: the first one, or a replay of it. */
  public record Outcome(int status, String body, boolean replayed) {}

  /**
   * Runs {@code work} once per {@code (merchantId, key)}, or simply runs it when the client sent no
   * key ({@code key} null); must be called inside the transaction that {@code work} changes state
   * in.
   *
   * @param request what identifies the request (method, path and body), to tell a retry from a
   *     different request reusing the key
   */
  public <T> Uni<Outcome> once(
      UUID merchantId, String key, String request, int status, Supplier<Uni<T>> work) {
    if (key == null) {
      return work.get().map(response -> new Outcome(status, toJson(response), false));
    }
    if (key.isBlank() || key.length() > 255) {
      throw ProblemException.badRequest(
          "invalid-idempotency-key", "Idempotency-Key must be 1 to 255 characters");
    }
    String fingerprint = sha256(request);
    return Panache.getSession()
        .chain(
            session ->
                claim(session, merchantId, key, fingerprint)
                    .chain(
                        claimed ->
                            claimed
                                ? work.get()
                                    .map(this::toJson)
                                    .call(body -> complete(session, merchantId, key, status, body))
                                    .map(body -> new Outcome(status, body, false))
                                : replay(session, merchantId, key, fingerprint)));
  }

  private Uni<Boolean> claim(
      Mutiny.Session session, UUID merchantId, String key, String fingerprint) {
    return session
        .createNativeQuery(
            "insert into idempotency_key (merchant_id, idempotency_key, fingerprint, created_at)"
                + " values (?1, ?2, ?3, ?4) on conflict do nothing")
        .setParameter(1, merchantId)
        .setParameter(2, key)
        .setParameter(3, fingerprint)
        .setParameter(4, OffsetDateTime.now(ZoneOffset.UTC))
        .executeUpdate()
        .map(rows -> rows == 1);
  }

  private Uni<Integer> complete(
      Mutiny.Session session, UUID merchantId, String key, int status, String body) {
    return session
        .createNativeQuery(
            "update idempotency_key set response_status = ?3, response_body = ?4"
                + " where merchant_id = ?1 and idempotency_key = ?2")
        .setParameter(1, merchantId)
        .setParameter(2, key)
        .setParameter(3, status)
        .setParameter(4, body)
        .executeUpdate();
  }

  private Uni<Outcome> replay(
      Mutiny.Session session, UUID merchantId, String key, String fingerprint) {
    return session
        .createNativeQuery(
            "select fingerprint, response_status, response_body from idempotency_key"
                + " where merchant_id = ?1 and idempotency_key = ?2",
            Object[].class)
        .setParameter(1, merchantId)
        .setParameter(2, key)
        .getSingleResult()
        .map(
            row -> {
              if (!fingerprint.equals(row[0])) {
                throw new ProblemException(
                    422,
                    "idempotency-key-reused",
                    "Idempotency key reused",
                    "This Idempotency-Key was used for a different request");
              }
              return new Outcome(((Number) row[1]).intValue(), (String) row[2], true);
            });
  }

  /** Forgets keys older than {@code age}: a retry that late is a new request. */
  public Uni<Integer> purgeOlderThan(Duration age) {
    return Panache.withTransaction(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery("delete from idempotency_key where created_at < ?1")
                            .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC).minus(age))
                            .executeUpdate()));
  }

  private String toJson(Object response) {
    try {
      return mapper.writeValueAsString(response);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response cannot be serialised", e);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
