package io.tasvie.terminal.terminal.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.ActivationCodeIssuedEvent;
import io.tasvie.common.contract.TerminalActivatedEvent;
import io.tasvie.common.crypto.SecretHasher;
import io.tasvie.common.merchant.MerchantProjection;
import io.tasvie.common.outbox.Outbox;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.terminal.credential.CredentialResponse;
import io.tasvie.terminal.credential.TerminalCredentials;
import io.tasvie.terminal.session.CloseCause;
import io.tasvie.terminal.session.SessionRegistry;
import io.tasvie.terminal.supervisor.SupervisorCodes;
import io.tasvie.terminal.terminal.ActivationCode;
import io.tasvie.terminal.terminal.Terminal;
import io.tasvie.terminal.terminal.TerminalKind;
import io.tasvie.terminal.terminal.TerminalStatus;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import io.tasvie.terminal.terminal.repository.TerminalRepository;
import io.tasvie.terminal.terminal.rest.ActivationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Activation codes (one-time, expiring, e-mailed through notify-svc) and what they buy: a terminal
 * credential bound to the device, plus a refresh secret for the next one.
 */
@ApplicationScoped
public class ActivationService {

  private final TerminalRepository terminals;
  private final TerminalCredentials credentials;
  private final SecretHasher hasher;
  private final Outbox outbox;
  private final TerminalConfig config;
  private final SupervisorCodes supervisorCodes;
  private final SessionRegistry sessions;

  public ActivationService(
      TerminalRepository terminals,
      TerminalCredentials credentials,
      SecretHasher hasher,
      Outbox outbox,
      TerminalConfig config,
      SupervisorCodes supervisorCodes,
      SessionRegistry sessions) {
    this.terminals = terminals;
    this.credentials = credentials;
    this.hasher = hasher;
    this.outbox = outbox;
    this.config = config;
    this.supervisorCodes = supervisorCodes;
    this.sessions = sessions;
  }

  /**
   * A new code for {@code terminal}, voiding the unused ones; runs in the caller's transaction. The
   * code itself leaves only in the event notify-svc e-mails.
   */
  public Uni<Void> issueCode(Terminal terminal) {
    Instant now = Instant.now();
    Instant expiresAt = now.plus(config.activationCodeTtl());
    String code = Codes.activationCode();
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createMutationQuery(
                        "update ActivationCode set voidedAt = :now where terminalRef = :terminal"
                            + " and usedAt is null and voidedAt is null")
                    .setParameter("now", now)
                    .setParameter("terminal", terminal.getId())
                    .executeUpdate()
                    .chain(
                        () ->
                            session.persist(
                                ActivationCode.issued(
                                    Codes.sha256(code), terminal.getId(), now, expiresAt))))
        .chain(
            () ->
                outbox.publish(
                    new ActivationCodeIssuedEvent(
                        terminal.getMerchantId(),
                        terminal.getTerminalId(),
                        terminal.getEmail(),
                        code,
                        terminal.getLanguage(),
                        expiresAt,
                        now)));
  }

  /** Another code for an approved (or active) terminal, e.g. when the first one expired. */
  public Uni<Terminal> reissue(String reference, UUID merchantScope) {
    return Panache.withTransaction(
        () ->
            terminals
                .require(reference, merchantScope, true)
                .call(
                    terminal -> {
                      if (terminal.getTerminalId() == null
                          || !(terminal.isActive()
                              || terminal.getStatus() == TerminalStatus.APPROVED)) {
                        throw ProblemException.conflict(
                            "terminal-not-activatable",
                            "Terminal " + terminal.label() + " is " + terminal.getStatus());
                      }
                      return issueCode(terminal);
                    }));
  }

  public Uni<CredentialResponse> activate(ActivationRequest request) {
    String refreshSecret = SecretHasher.newSecret();
    Uni<String> supervisorHash =
        request.supervisorCode() == null
            ? Uni.createFrom().nullItem()
            : hasher.hash(request.supervisorCode());
    return Uni.combine()
        .all()
        .unis(supervisorHash, hasher.hash(refreshSecret))
        .asTuple()
        .chain(
            hashes ->
                Panache.withTransaction(
                    () -> activate(request, hashes.getItem1(), hashes.getItem2())))
        // Activating again (a new code for an active terminal) moves it: the old session ends.
        .invoke(terminal -> sessions.close(terminal.getTerminalId(), CloseCause.REBOUND))
        .map(terminal -> credentials.issue(terminal, refreshSecret));
  }

  private Uni<Terminal> activate(
      ActivationRequest request, String supervisorHash, String refreshHash) {
    Instant now = Instant.now();
    String codeHash = Codes.sha256(Codes.normaliseActivationCode(request.activationCode()));
    return Panache.getSession()
        .chain(
            session -> session.find(ActivationCode.class, codeHash, LockModeType.PESSIMISTIC_WRITE))
        .chain(
            code -> {
              if (code == null || code.isVoided()) {
                throw invalidCode(request);
              }
              return terminals
                  .findById(code.getTerminalRef(), LockModeType.PESSIMISTIC_WRITE)
                  .chain(
                      terminal ->
                          Panache.getSession()
                              .chain(
                                  session ->
                                      session.find(
                                          MerchantProjection.class, terminal.getMerchantId()))
                              .chain(
                                  merchant -> {
                                    if (merchant == null
                                        || !Objects.equals(
                                            merchant.getMerchantNumber(),
                                            request.merchantNumber())) {
                                      throw invalidCode(request);
                                    }
                                    if (code.isUsed()) {
                                      throw ProblemException.conflict(
                                          "activation-code-used",
                                          "This activation code was already used; ask for a new"
                                              + " one");
                                    }
                                    if (code.isExpired(now)) {
                                      throw new ProblemException(
                                          410,
                                          "activation-code-expired",
                                          "Activation code expired",
                                          "The activation code expired at "
                                              + code.getExpiresAt()
                                              + "; ask for a new one");
                                    }
                                    requireDevice(terminal, request, supervisorHash);
                                    code.use(now);
                                    terminal.activate(
                                        request.deviceId(), supervisorHash, refreshHash, now);
                                    return outbox
                                        .publish(
                                            new TerminalActivatedEvent(
                                                terminal.getMerchantId(),
                                                terminal.getTerminalId(),
                                                terminal.getKind().name(),
                                                request.deviceId(),
                                                now))
                                        .replaceWith(terminal);
                                  }));
            });
  }

  /**
   * Moves an active terminal to another device and/or operator without a factory reset: the
   * supervisor code authorises it, the old device's credentials and session end, and the new device
   * gets a credential.
   */
  public Uni<CredentialResponse> rebind(
      String reference,
      UUID merchantScope,
      String supervisorCode,
      String deviceId,
      String operator) {
    String refreshSecret = SecretHasher.newSecret();
    return Panache.withSession(() -> terminals.require(reference, merchantScope, false))
        .call(terminal -> supervisorCodes.verify(terminal.getId(), supervisorCode))
        .chain(terminal -> hasher.hash(refreshSecret))
        .chain(
            refreshHash ->
                Panache.withTransaction(
                    () ->
                        terminals
                            .require(reference, merchantScope, true)
                            .call(
                                terminal -> {
                                  terminal.rebind(deviceId, operator, refreshHash);
                                  return outbox.publish(
                                      new TerminalActivatedEvent(
                                          terminal.getMerchantId(),
                                          terminal.getTerminalId(),
                                          terminal.getKind().name(),
                                          terminal.getDeviceId(),
                                          Instant.now()));
                                })))
        .invoke(terminal -> sessions.close(terminal.getTerminalId(), CloseCause.REBOUND))
        .map(terminal -> credentials.issue(terminal, refreshSecret));
  }

  /** A new access token for a terminal that shows its refresh secret. */
  public Uni<CredentialResponse> refresh(String terminalId, String refreshSecret) {
    return Panache.withSession(() -> terminals.find("terminalId", terminalId).firstResult())
        .chain(
            terminal ->
                hasher
                    .matches(
                        refreshSecret, terminal == null ? null : terminal.getRefreshSecretHash())
                    .map(
                        valid -> {
                          if (!valid || !terminal.isActive()) {
                            throw new ProblemException(
                                401,
                                "invalid-refresh-token",
                                "Unauthorized",
                                "Unknown terminal, revoked terminal or wrong refresh token");
                          }
                          return credentials.issue(terminal, null);
                        }));
  }

  private static void requireDevice(
      Terminal terminal, ActivationRequest request, String supervisorHash) {
    if (terminal.getKind() != TerminalKind.SOFTPOS_NFC) {
      return;
    }
    if (!request.deviceId().equals(terminal.getDeviceId())) {
      throw ProblemException.conflict(
          "device-mismatch",
          "Terminal " + terminal.getTerminalId() + " was registered for another device");
    }
    // Activating again without a code keeps the one set before.
    if (supervisorHash == null && terminal.getSupervisorCodeHash() == null) {
      throw ProblemException.badRequest(
          "missing-supervisor-code",
          "The first SoftPOS activation sets the supervisor code (supervisorCode)");
    }
  }

  private static ProblemException invalidCode(ActivationRequest request) {
    return ProblemException.badRequest(
        "activation-code-invalid",
        "No valid activation code for merchant " + request.merchantNumber());
  }
}
