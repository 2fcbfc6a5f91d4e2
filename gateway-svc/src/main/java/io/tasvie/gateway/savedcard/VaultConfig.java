package io.tasvie.gateway.savedcard;

import io.smallrye.config.ConfigMapping;
import java.util.Map;

/**
 * The key-encryption keys of the card vault: each a Base64 256-bit AES key under an id. New cards
 * are sealed under {@code active-key}; the others stay to open cards sealed before a rotation.
 */
@ConfigMapping(prefix = "tasvie.vault")
public interface VaultConfig {

  String activeKey();

  Map<String, String> keys();
}
