package io.tasvie.gateway.auth.lockout;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.gateway.auth.lockout.LockoutRepository.Counter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Every door that checks a secret (the token endpoint, PayRep's {@code Rmz}) asks here first and
 * reports the outcome after, so one credential has one failure counter whichever door is tried.
 *
 * <p>The {@code max-failures}-th wrong secret in a row locks the credential for {@code duration},
 * right secret or not. A source address is throttled once it has {@code source-max-failures}
 * failures across all credentials; that limit is below the credential's, and both counters are
 * forgotten {@code duration} after their last failure, so a stranger at one address cannot lock
 * anyone out. An attempt still being checked counts towards both limits: attempts sent all at once
 * cannot check more secrets than the limits allow (the one over is asked to retry in a second).
 */
@ApplicationScoped
public class CredentialGuard {

  /** An attempt admitted this long ago and never settled (a crash) no longer counts. */
  private static final Duration PENDING_EXPIRY = Duration.ofMinutes(1);

  public enum Verdict {
    OPEN,
    /** The credential is locked; {@code until} says till when. */
    LOCKED,
    /** The source address has failed too often; {@code until} says till when. */
    THROTTLED,
    /** As many attempts as the limit allows are being checked right now; retry in a moment. */
    BUSY
  }

  public record Admission(Verdict verdict, Instant until) {
    static final Admission OPEN = new Admission(Verdict.OPEN, null);

    static Admission busy(Instant now) {
      return new Admission(Verdict.BUSY, now.plusSeconds(1));
    }

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
                      Counter count = current(stored, now);
                      if (count.failures() >= config.sourceMaxFailures()) {
                        return Uni.createFrom()
                            .item(
                                new Admission(
                                    Verdict.THROTTLED,
                                    count.lastFailureAt().plus(config.duration())));
                      }
                      if (count.failures() + count.pending() >= config.sourceMaxFailures()) {
                        return Uni.createFrom().item(Admission.busy(now));
                      }
                      return admitCredential(clientId, now)
                          .call(
                              admission ->
                                  admission.open()
                                      ? counters.saveSource(source, pendingOneMore(count, now))
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
              if (count.failures() + count.pending() >= config.maxFailures()) {
                return Uni.createFrom().item(Admission.busy(now));
              }
              return counters
                  .saveCredential(clientId, pendingOneMore(count, now))
                  .replaceWith(Admission.OPEN);
            });
  }

  /**
   * Records how an admitted attempt ended: a right secret starts the credential's count again; a
   * wrong one counts, and the one that reaches the limit locks the credential.
   */
  public Uni<Void> settle(String clientId, String source, boolean rightSecret) {
    Instant now = Instant.now();
    return Panache.withTransaction(
        () ->
            counters
                .lockSource(source)
                .chain(
                    stored -> {
                      Counter count = settled(current(stored, now));
                      return counters.saveSource(
                          source,
                          rightSecret
                              ? count
                              : new Counter(
                                  count.failures() + 1,
                                  now,
                                  null,
                                  count.pending(),
                                  count.pendingSince()));
                    })
                .chain(
                    () ->
                        clientId == null
                            ? Uni.createFrom().voidItem()
                            : counters
                                .lockCredential(clientId)
                                .chain(
                                    stored ->
                                        counters.saveCredential(
                                            clientId,
                                            settleCredential(
                                                settled(current(stored, now)),
                                                rightSecret,
                                                now)))));
  }

  private Counter settleCredential(Counter count, boolean rightSecret, Instant now) {
    if (count.lockedUntil() != null) {
      return count; // locked meanwhile by another attempt
    }
    if (rightSecret) {
      return new Counter(0, count.lastFailureAt(), null, count.pending(), count.pendingSince());
    }
    int failures = count.failures() + 1;
    return failures >= config.maxFailures()
        ? new Counter(0, now, now.plus(config.duration()), count.pending(), count.pendingSince())
        : new Counter(failures, now, null, count.pending(), count.pendingSince());
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
    boolean pendingStale =
        stored.pendingSince() == null || !stored.pendingSince().plus(PENDING_EXPIRY).isAfter(now);
    int pending = pendingStale ? 0 : stored.pending();
    Instant pendingSince = pending == 0 ? null : stored.pendingSince();
    if (stored.lockedUntil() != null && stored.lockedUntil().isAfter(now)) {
      return new Counter(
          stored.failures(), stored.lastFailureAt(), stored.lockedUntil(), pending, pendingSince);
    }
    boolean failuresStale =
        stored.lastFailureAt() == null
            || !stored.lastFailureAt().plus(config.duration()).isAfter(now);
    return new Counter(
        failuresStale ? 0 : stored.failures(), stored.lastFailureAt(), null, pending, pendingSince);
  }

  private static Counter pendingOneMore(Counter count, Instant now) {
    return new Counter(
        count.failures(), count.lastFailureAt(), count.lockedUntil(), count.pending() + 1, now);
  }

  private static Counter settled(Counter count) {
    int pending = Math.max(0, count.pending() - 1);
    return new Counter(
        count.failures(),
        count.lastFailureAt(),
        count.lockedUntil(),
        pending,
        pending == 0 ? null : count.pendingSince());
  }
}
