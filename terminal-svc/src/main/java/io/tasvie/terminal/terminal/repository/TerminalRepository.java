package io.tasvie.terminal.terminal.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.terminal.terminal.Terminal;
import io.tasvie.terminal.terminal.TerminalKind;
import io.tasvie.terminal.terminal.TerminalStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

@ApplicationScoped
public class TerminalRepository implements PanacheRepositoryBase<Terminal, UUID> {

  private static final Pattern TERMINAL_ID = Pattern.compile("TM[0-9]{6}");

  /**
   * By terminal ID ({@code TM000016}) or by the request's UUID; a terminal of another merchant is
   * not found. {@code merchantScope} null means any merchant (staff).
   *
   * @throws ProblemException 404 when there is no such terminal in scope
   */
  public Uni<Terminal> require(String reference, UUID merchantScope, boolean forUpdate) {
    Uni<Terminal> found;
    LockModeType lock = forUpdate ? LockModeType.PESSIMISTIC_WRITE : LockModeType.NONE;
    if (reference != null && TERMINAL_ID.matcher(reference).matches()) {
      found = find("terminalId", reference).withLock(lock).firstResult();
    } else {
      UUID id;
      try {
        id = UUID.fromString(reference);
      } catch (IllegalArgumentException | NullPointerException e) {
        return Uni.createFrom().failure(ProblemException.notFound("terminal", reference));
      }
      found = findById(id, lock);
    }
    return found.map(
        terminal -> {
          if (terminal == null
              || (merchantScope != null && !merchantScope.equals(terminal.getMerchantId()))) {
            throw ProblemException.notFound("terminal", reference);
          }
          return terminal;
        });
  }

  public Uni<List<Terminal>> list(UUID merchantScope, TerminalStatus status) {
    StringBuilder query = new StringBuilder("1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (merchantScope != null) {
      query.append(" and merchantId = :merchant");
      params.put("merchant", merchantScope);
    }
    if (status != null) {
      query.append(" and status = :status");
      params.put("status", status);
    }
    return find(query.toString(), Sort.descending("requestedAt"), params).page(0, 500).list();
  }

  /** The till whose QR code or NFC tag has this id, or null. */
  public Uni<Terminal> findTill(String tagId) {
    return find("kind = ?1 and (qrId = ?2 or nfcTagId = ?2)", TerminalKind.TILL, tagId)
        .firstResult();
  }

  public Uni<Terminal> findByBluetoothMac(String mac) {
    return find("bluetoothMac", mac).firstResult();
  }

  /** Whether a device fact (serial number, MAC, QR or NFC tag id) is already registered. */
  public Uni<Boolean> deviceTaken(String column, String value) {
    if (value == null) {
      return Uni.createFrom().item(false);
    }
    return count(column + " = ?1", value).map(count -> count > 0);
  }

  /** The next terminal ID from the database sequence: {@code TM000001}, {@code TM000002}, ... */
  public Uni<String> nextTerminalId() {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery("select nextval('terminal_number')", Long.class)
                    .getSingleResult())
        .map(number -> String.format("TM%06d", number));
  }
}
