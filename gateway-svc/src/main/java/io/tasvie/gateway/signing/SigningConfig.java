package io.tasvie.gateway.signing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** The platform's own signing keys: the one it signs with, and retired ones still published. */
@ConfigMapping(prefix = "tasvie.signing")
public interface SigningConfig {

  /** PEM (PKCS#8) RSA private key the platform signs redirects and notifications with. */
  String keyLocation();

  /** Its key index, the {@code kid} in the published key set and in every signature. */
  @WithDefault("1")
  String keyIndex();

  /**
   * Public keys (PEM locations) of earlier key indexes, still published during a rotation so that
   * signatures made before it verify.
   */
  Map<String, String> retiredKeys();
}
