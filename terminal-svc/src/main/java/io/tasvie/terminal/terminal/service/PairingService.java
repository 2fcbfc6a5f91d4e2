package io.tasvie.terminal.terminal.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.terminal.terminal.Pairing;
import io.tasvie.terminal.terminal.Terminal;
import io.tasvie.terminal.terminal.TerminalKind;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import io.tasvie.terminal.terminal.repository.TerminalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Bluetooth pairing of a reader with the merchant's phone. A reader pairs only with the phone that
 * holds its own terminal's credential, so never for another merchant.
 */
@ApplicationScoped
public class PairingService {

  private final TerminalRepository terminals;
  private final TerminalConfig config;

  public PairingService(TerminalRepository terminals, TerminalConfig config) {
    this.terminals = terminals;
    this.config = config;
  }

  /** The security code to show on the phone, with how long it can be typed. */
  public record StartedPairing(UUID pairingId, String securityCode, Instant expiresAt) {}

  public record PairingResult(UUID pairingId, String status, String terminalId) {}

  /** Starts a pairing of {@code terminal}'s reader, which the phone found at {@code mac}. */
  public Uni<StartedPairing> start(Terminal terminal, String mac) {
    if (terminal.getKind() != TerminalKind.MPOS_BLUETOOTH) {
      throw ProblemException.conflict(
          "not-a-reader", "Terminal " + terminal.getTerminalId() + " has no Bluetooth reader");
    }
    String normalised = mac == null ? null : mac.toUpperCase(Locale.ROOT);
    Instant now = Instant.now();
    String code = Codes.securityCode();
    return Panache.withTransaction(
        () ->
            terminals
                .findByBluetoothMac(normalised)
                .chain(
                    reader -> {
                      if (reader == null) {
                        throw ProblemException.notFound("reader", normalised);
                      }
                      if (!reader.getMerchantId().equals(terminal.getMerchantId())) {
                        throw new ProblemException(
                            403,
                            "reader-of-another-merchant",
                            "Forbidden",
                            "The reader at " + normalised + " belongs to another merchant");
                      }
                      if (!reader.getId().equals(terminal.getId())) {
                        throw ProblemException.conflict(
                            "reader-of-another-terminal",
                            "The reader at "
                                + normalised
                                + " is terminal "
                                + reader.label()
                                + "; open that terminal's session to pair it");
                      }
                      Pairing pairing =
                          Pairing.started(
                              terminal.getId(),
                              hash(terminal.getId(), code),
                              now,
                              now.plus(config.pairingTtl()));
                      return Panache.getSession()
                          .chain(
                              session ->
                                  session
                                      .createMutationQuery(
                                          "update Pairing set status = 'VOIDED', decidedAt = :now"
                                              + " where terminalRef = :terminal and status ="
                                              + " 'PENDING'")
                                      .setParameter("now", now)
                                      .setParameter("terminal", terminal.getId())
                                      .executeUpdate()
                                      .chain(() -> session.persist(pairing)))
                          .replaceWith(
                              new StartedPairing(pairing.getId(), code, pairing.getExpiresAt()));
                    }));
  }

  /**
   * The code typed on the reader. The outcome of the try is committed before a wrong, voided or
   * expired pairing is answered with its problem.
   */
  public Uni<PairingResult> confirm(Terminal terminal, UUID pairingId, String code) {
    Instant now = Instant.now();
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session.find(Pairing.class, pairingId, LockModeType.PESSIMISTIC_WRITE))
                    .chain(
                        pairing -> {
                          if (pairing == null
                              || !pairing.getTerminalRef().equals(terminal.getId())) {
                            throw ProblemException.notFound("pairing", pairingId);
                          }
                          boolean matches =
                              code != null
                                  && Codes.sameHash(
                                      pairing.getCodeHash(), hash(terminal.getId(), code));
                          Pairing.Status status =
                              pairing.confirm(matches, config.pairingAttempts(), now);
                          if (status == Pairing.Status.PAIRED) {
                            return terminals
                                .findById(terminal.getId(), LockModeType.PESSIMISTIC_WRITE)
                                .invoke(reader -> reader.paired(now))
                                .replaceWith(pairing);
                          }
                          return Uni.createFrom().item(pairing);
                        }))
        .map(
            pairing -> {
              switch (pairing.getStatus()) {
                case PAIRED -> {
                  return new PairingResult(
                      pairing.getId(), pairing.getStatus().name(), terminal.getTerminalId());
                }
                case PENDING ->
                    throw new ProblemException(
                        400,
                        "pairing-code-wrong",
                        "Wrong security code",
                        "The security code typed on the reader does not match",
                        Map.of("attemptsLeft", config.pairingAttempts() - pairing.getFailures()));
                case EXPIRED ->
                    throw new ProblemException(
                        410,
                        "pairing-expired",
                        "Pairing expired",
                        "The security code expired; start a new pairing");
                default ->
                    throw ProblemException.conflict(
                        "pairing-voided",
                        "This pairing was voided (too many wrong codes or a newer pairing); start a"
                            + " new one");
              }
            });
  }

  private static String hash(UUID terminalRef, String code) {
    return Codes.sha256(terminalRef + ":" + code);
  }
}
