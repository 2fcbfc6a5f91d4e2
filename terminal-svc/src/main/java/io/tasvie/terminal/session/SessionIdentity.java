package io.tasvie.terminal.session;

import io.quarkus.websockets.next.UserData.TypedKey;
import io.tasvie.terminal.terminal.TerminalKind;
import java.util.UUID;

/** The terminal a session belongs to, established when the HTTP upgrade was checked. */
record SessionIdentity(UUID terminalRef, String terminalId, UUID merchantId, TerminalKind kind) {

  static final TypedKey<SessionIdentity> KEY = new TypedKey<>("tasvie.terminal.identity");
}
