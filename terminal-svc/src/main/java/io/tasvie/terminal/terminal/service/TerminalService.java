package io.tasvie.terminal.terminal.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.TerminalRevokedEvent;
import io.tasvie.common.merchant.MerchantProjection;
import io.tasvie.common.outbox.Outbox;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.terminal.session.CloseCause;
import io.tasvie.terminal.session.SessionRegistry;
import io.tasvie.terminal.terminal.DeviceFacts;
import io.tasvie.terminal.terminal.ReaderModel;
import io.tasvie.terminal.terminal.Terminal;
import io.tasvie.terminal.terminal.TerminalKind;
import io.tasvie.terminal.terminal.repository.TerminalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** The registry: requests, admin decisions, revocation. */
@ApplicationScoped
public class TerminalService {

  /** Android 7 (Nougat) is the oldest version with the NFC host card emulation SoftPOS needs. */
  static final int MIN_ANDROID_VERSION = 7;

  private final TerminalRepository terminals;
  private final ActivationService activation;
  private final SessionRegistry sessions;
  private final Outbox outbox;

  public TerminalService(
      TerminalRepository terminals,
      ActivationService activation,
      SessionRegistry sessions,
      Outbox outbox) {
    this.terminals = terminals;
    this.activation = activation;
    this.sessions = sessions;
    this.outbox = outbox;
  }

  /** What a request asks for, checked against its kind before anything is stored. */
  public record NewTerminal(
      UUID merchantId,
      TerminalKind kind,
      DeviceFacts device,
      Boolean nfc,
      String email,
      String language) {}

  @WithTransaction
  public Uni<Terminal> request(NewTerminal request) {
    DeviceFacts device = checked(request.kind(), request.device(), request.nfc());
    return Panache.getSession()
        .chain(session -> session.find(MerchantProjection.class, request.merchantId()))
        .chain(
            merchant -> {
              if (merchant == null) {
                throw ProblemException.notFound("merchant", request.merchantId());
              }
              return requireUnique("serialNumber", device.serialNumber())
                  .chain(() -> requireUnique("bluetoothMac", device.bluetoothMac()))
                  .chain(() -> requireUnique("qrId", device.qrId()))
                  .chain(() -> requireUnique("nfcTagId", device.nfcTagId()));
            })
        .chain(
            () ->
                terminals.persist(
                    Terminal.requested(
                        request.merchantId(),
                        request.kind(),
                        device,
                        request.email(),
                        request.language())));
  }

  /** Assigns the terminal ID and e-mails the first activation code. */
  @WithTransaction
  public Uni<Terminal> approve(String reference) {
    return terminals
        .require(reference, null, true)
        .chain(
            terminal ->
                terminals
                    .nextTerminalId()
                    .invoke(terminalId -> terminal.approve(terminalId, Instant.now()))
                    .chain(() -> activation.issueCode(terminal))
                    .replaceWith(terminal));
  }

  @WithTransaction
  public Uni<Terminal> reject(String reference, String reason) {
    return terminals
        .require(reference, null, true)
        .invoke(terminal -> terminal.reject(reason, Instant.now()));
  }

  /** Voids the terminal's credentials and closes its session at once. */
  public Uni<Terminal> revoke(String reference, String reason) {
    return Panache.withTransaction(
            () ->
                terminals
                    .require(reference, null, true)
                    .call(
                        terminal -> {
                          Instant now = Instant.now();
                          terminal.revoke(reason, now);
                          return outbox.publish(
                              new TerminalRevokedEvent(
                                  terminal.getMerchantId(), terminal.label(), reason, now));
                        }))
        .invoke(terminal -> sessions.close(terminal.label(), CloseCause.REVOKED));
  }

  private Uni<Void> requireUnique(String field, String value) {
    return terminals
        .deviceTaken(field, value)
        .invoke(
            taken -> {
              if (taken) {
                throw ProblemException.conflict(
                    "device-already-registered",
                    "A terminal with " + field + " " + value + " is already registered");
              }
            })
        .replaceWithVoid();
  }

  private static DeviceFacts checked(TerminalKind kind, DeviceFacts device, Boolean nfc) {
    switch (kind) {
      case MPOS_BLUETOOTH -> {
        require(device.model() != null, "model", "a Bluetooth reader needs its model");
        require(device.serialNumber() != null, "serialNumber", "a reader needs its serial number");
        require(device.bluetoothMac() != null, "bluetoothMac", "a reader needs its Bluetooth MAC");
        return new DeviceFacts(
            device.model(),
            device.serialNumber().toUpperCase(Locale.ROOT),
            device.bluetoothMac().toUpperCase(Locale.ROOT),
            null,
            null,
            null,
            null,
            device.label());
      }
      case SOFTPOS_NFC -> {
        require(device.deviceId() != null, "deviceId", "a SoftPOS device needs its device id");
        require(
            device.androidVersion() != null,
            "androidVersion",
            "a SoftPOS device needs its Android");
        if (device.androidVersion() < MIN_ANDROID_VERSION) {
          throw new ProblemException(
              422,
              "android-too-old",
              "Device not supported",
              "SoftPOS needs Android "
                  + MIN_ANDROID_VERSION
                  + " or later; this device runs Android "
                  + device.androidVersion());
        }
        if (!Boolean.TRUE.equals(nfc)) {
          throw new ProblemException(
              422,
              "nfc-missing",
              "Device not supported",
              "SoftPOS reads cards over NFC; this device has none (nfc must be true)");
        }
        return new DeviceFacts(
            null,
            null,
            null,
            device.deviceId(),
            device.androidVersion(),
            null,
            null,
            device.label());
      }
      default -> {
        require(
            device.qrId() != null || device.nfcTagId() != null,
            "qrId",
            "a till needs its QR code id or NFC tag id");
        return new DeviceFacts(
            null, null, null, null, null, device.qrId(), device.nfcTagId(), device.label());
      }
    }
  }

  private static void require(boolean condition, String field, String detail) {
    if (!condition) {
      throw new ProblemException(
          400, "missing-" + kebab(field), "Bad request", detail + " (" + field + ")");
    }
  }

  private static String kebab(String field) {
    return field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** For the mapper: the reader model named in a request. */
  public static ReaderModel model(String name) {
    return ProblemException.enumValue(ReaderModel.class, "model", name);
  }
}
