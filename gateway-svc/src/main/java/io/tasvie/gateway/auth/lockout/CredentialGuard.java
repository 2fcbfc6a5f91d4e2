package io.tasvie.gateway.auth.lockout;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.gateway.auth.lockout.LockoutRepository.Counter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Every door that checks a secret (the token endpoint, PayRep's {@code Rmz}) asks here first and
 * reports the outcome after, so one credential has one failure counter whichever door is tried.
 *
 * <p>An attempt is counted as a failure when it is admitted ({@link #admit}) and forgiven when the
 * secret was right ({@link #settle}): attempts sent all at once cannot check more secrets than the
 * limit allows. The {@code max-failures}-th failure in a row locks the credential for {@code
 * duration}, right secret or not. A source address is throttled once it has {@code
 * source-max-failures} failures across all credentials; that limit is below the credential's, and
 * both counters are forgotten after {@code duration} without failures, so a stranger at one address
 * cannot lock anyone out.
 */
@ApplicationScoped
public class CredentialGuard {

  public enum Verdict {
    OPEN,
    /** The credential is locked; {@code until} says till when. */
    LOCKED,
    /** The source address has failed too often; {@code until} says till when. */
    THROTTLED
  }

  public record Admission(Verdict verdict, Instant until) {
    static final Admission OPEN = new Admission(Verdict.OPEN, null);

    public boolean open() {
      return verdict == Verdict.OPEN;
    }
  }

  private final LockoutRepository counters;
  private final LockoutConfig config;

  public CredentialGuard(LockoutRepository counters, LockoutConfig config) {
    this.counters = counters;
    this.config = config;
  }

  /**
   * Admits one attempt on {@code clientId} (null: no such client, only the source counts) from
   * {@code source}, or says why not. An admitted attempt must be {@linkplain #settle settled}.
   */
  public Uni<Admission> admit(String clientId, String source) {
    Instant now = Instant.now();
    // Always source first, then credential: transactions lock rows in one order, never deadlock.
    return Panache.withTransaction(
        () ->
            counters
                .lockSource(source)
                .chain(
                    stored -> {
                      Counter sourceCount = current(stored, now);
                      if (sourceCount.failures() >= config.sourceMaxFailures()) {
                        return Uni.createFrom()
                            .item(
                                new Admission(
                                    Verdict.THROTTLED,
                                    sourceCount.lastFailureAt().plus(config.duration())));
                      }
                      return admitCredential(clientId, now)
                          .call(
                              admission ->
                                  admission.open()
                                      ? counters.saveSource(
                                          source,
                                          new Counter(sourceCount.failures() + 1, now, null))
                                      : Uni.createFrom().voidItem());
                    }));
  }

  private Uni<Admission> admitCredential(String clientId, Instant now) {
    if (clientId == null) {
      return Uni.createFrom().item(Admission.OPEN);
    }
    return counters
        .lockCredential(clientId)
        .chain(
            stored -> {
              Counter count = current(stored, now);
              if (count.lockedUntil() != null) {
                return Uni.createFrom().item(new Admission(Verdict.LOCKED, count.lockedUntil()));
              }
              if (count.failures() >= config.maxFailures()) {
                // The limit is taken by attempts still being checked: refuse this one.
                return Uni.createFrom()
                    .item(new Admission(Verdict.LOCKED, now.plus(config.duration())));
              }
              return counters
                  .saveCredential(clientId, new Counter(count.failures() + 1, now, null))
                  .replaceWith(Admission.OPEN);
            });
  }

  /**
   * Records how an admitted attempt ended: a right secret forgives it (and the failures before it);
   * a wrong one that reaches the limit locks the credential.
   */
  public Uni<Void> settle(String clientId, String source, boolean rightSecret) {
    Instant now = Instant.now();
    return Panache.withTransaction(
        () ->
            counters
                .lockSource(source)
                .chain(
                    stored ->
                        rightSecret
                            ? counters.saveSource(
                                source,
                                new Counter(
                                    Math.max(0, stored.failures() - 1),
                                    stored.lastFailureAt(),
                                    null))
                            : Uni.createFrom().voidItem())
                .chain(
                    () ->
                        clientId == null
                            ? Uni.createFrom().voidItem()
                            : counters
                                .lockCredential(clientId)
                                .chain(
                                    stored ->
                                        settleCredential(clientId, stored, rightSecret, now))));
  }

  private Uni<Void> settleCredential(
      String clientId, Counter stored, boolean rightSecret, Instant now) {
    if (rightSecret) {
      return counters.saveCredential(clientId, new Counter(0, stored.lastFailureAt(), null));
    }
    if (stored.lockedUntil() == null && stored.failures() >= config.maxFailures()) {
      return counters.saveCredential(clientId, new Counter(0, now, now.plus(config.duration())));
    }
    return Uni.createFrom().voidItem();
  }

  /** A credential's counter as it now stands (an expired lock or stale failures are forgotten). */
  public Uni<Counter> status(String clientId) {
    Instant now = Instant.now();
    return Panache.withSession(() -> counters.findCredential(clientId))
        .map(stored -> current(stored, now));
  }

  /** Lifts a credential's lock and forgets its failures; true if it had any. */
  public Uni<Boolean> unlock(String clientId) {
    return Panache.withTransaction(() -> counters.deleteCredential(clientId));
  }

  private Counter current(Counter stored, Instant now) {
    if (stored.lockedUntil() != null) {
      return stored.lockedUntil().isAfter(now)
          ? stored
          : new Counter(0, stored.lastFailureAt(), null);
    }
    boolean stale =
        stored.lastFailureAt() == null
            || !stored.lastFailureAt().plus(config.duration()).isAfter(now);
    return stale ? new Counter(0, stored.lastFailureAt(), null) : stored;
  }
}
