package io.tasvie.gateway.legacy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.gateway.payment.config.CheckoutConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Counts wrong {@code Rmz} answers per merchant: after {@code rmz-max-failures} in a row the
 * merchant's PayRep is locked for {@code rmz-lockout}, so the password cannot be guessed online.
 */
@ApplicationScoped
public class RmzLockout {

  private final CheckoutConfig config;

  public RmzLockout(CheckoutConfig config) {
    this.config = config;
  }

  public Uni<Boolean> isLocked(UUID merchantId) {
    return Panache.withSession(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery(
                                "select count(*) from rmz_lockout where merchant_id = ?1"
                                    + " and locked_until > now()",
                                Long.class)
                            .setParameter(1, merchantId)
                            .getSingleResult())
                .map(count -> count > 0));
  }

  /** Counts a failure; the one that reaches the limit starts the lockout and resets the count. */
  public Uni<Void> recordFailure(UUID merchantId) {
    OffsetDateTime until = OffsetDateTime.now(ZoneOffset.UTC).plus(config.rmzLockout());
    return execute(
        session ->
            session
                .createNativeQuery(
                    "insert into rmz_lockout (merchant_id, failures, updated_at) values (?1, 1, now())"
                        + " on conflict (merchant_id) do update set"
                        + " locked_until = case when rmz_lockout.failures + 1 >= ?2 then ?3"
                        + "   else rmz_lockout.locked_until end,"
                        + " failures = case when rmz_lockout.failures + 1 >= ?2 then 0"
                        + "   else rmz_lockout.failures + 1 end,"
                        + " updated_at = now()")
                .setParameter(1, merchantId)
                .setParameter(2, config.rmzMaxFailures())
                .setParameter(3, until)
                .executeUpdate());
  }

  public Uni<Void> recordSuccess(UUID merchantId) {
    return execute(
        session ->
            session
                .createNativeQuery(
                    "delete from rmz_lockout where merchant_id = ?1 and failures > 0")
                .setParameter(1, merchantId)
                .executeUpdate());
  }

  private static Uni<Void> execute(Function<Mutiny.Session, Uni<Integer>> statement) {
    return Panache.withTransaction(
        () -> Panache.getSession().chain(session -> statement.apply(session)).replaceWithVoid());
  }
}
