package io.tasvie.terminal.supervisor;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.crypto.SecretHasher;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.terminal.terminal.Terminal;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The supervisor code authorises refunds, merchant-wide history and re-binding. It is kept as a
 * bcrypt hash; {@code supervisor-attempts} wrong codes in a row lock refunds for {@code
 * refund-lock}. A wrong code is counted in its own transaction, so the failed request's rollback
 * does not undo it.
 */
@ApplicationScoped
public class SupervisorCodes {

  private static final Pattern CODE = Pattern.compile("[0-9]{4,8}");

  private final SecretHasher hasher;
  private final TerminalConfig config;

  public SupervisorCodes(SecretHasher hasher, TerminalConfig config) {
    this.hasher = hasher;
    this.config = config;
  }

  /**
   * @throws ProblemException 403 {@code supervisor-code-wrong} (with {@code attemptsLeft}), 423
   *     {@code refunds-locked} (with {@code lockedUntil}), 409 {@code supervisor-code-not-set}
   */
  public Uni<Void> verify(UUID terminalRef, String code) {
    Instant now = Instant.now();
    return Panache.withSession(
            () -> Panache.getSession().chain(s -> s.find(Terminal.class, terminalRef)))
        .chain(
            terminal -> {
              if (terminal.getSupervisorCodeHash() == null) {
                throw ProblemException.conflict(
                    "supervisor-code-not-set",
                    "Terminal "
                        + terminal.label()
                        + " has no supervisor code; activate it with one");
              }
              if (terminal.refundsLocked(now)) {
                throw locked(terminal);
              }
              if (code == null || code.isEmpty()) {
                throw ProblemException.badRequest(
                    "missing-supervisor-code", "This needs the supervisor code (supervisorCode)");
              }
              // Codes are set as 4 to 8 digits: anything else is wrong without asking bcrypt,
              // which would refuse (or cut) a secret over 72 bytes.
              return CODE.matcher(code).matches()
                  ? hasher.matches(code, terminal.getSupervisorCodeHash())
                  : Uni.createFrom().item(false);
            })
        .chain(
            valid ->
                Panache.withTransaction(() -> record(terminalRef, valid, now))
                    .map(
                        terminal -> {
                          if (valid) {
                            return null;
                          }
                          throw terminal.refundsLocked(now) ? locked(terminal) : wrong(terminal);
                        }));
  }

  /** Commits the outcome of one try, so that the error thrown afterwards cannot roll it back. */
  private Uni<Terminal> record(UUID terminalRef, boolean valid, Instant now) {
    return Panache.getSession()
        .chain(s -> s.find(Terminal.class, terminalRef, LockModeType.PESSIMISTIC_WRITE))
        .invoke(
            terminal -> {
              if (valid) {
                terminal.supervisorCodeAccepted();
              } else {
                terminal.supervisorCodeFailed(
                    config.supervisorAttempts(), now.plus(config.refundLock()));
              }
            });
  }

  private ProblemException wrong(Terminal terminal) {
    return new ProblemException(
        403,
        "supervisor-code-wrong",
        "Wrong supervisor code",
        "The supervisor code is wrong",
        Map.of("attemptsLeft", config.supervisorAttempts() - terminal.getSupervisorFailures()));
  }

  private static ProblemException locked(Terminal terminal) {
    return new ProblemException(
        423,
        "refunds-locked",
        "Refunds locked",
        "Too many wrong supervisor codes; refunds are locked until "
            + terminal.getRefundsLockedUntil(),
        Map.of("lockedUntil", terminal.getRefundsLockedUntil().toString()));
  }
}
