package io.tasvie.common.crypto;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Client secrets as bcrypt hashes, computed off the event loop because bcrypt is slow on purpose.
 */
@ApplicationScoped
public class SecretHasher {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;

  /** Checked against when the client is unknown, so that timing does not tell which ids exist. */
  private final String decoyHash = BcryptUtil.bcryptHash(newSecret());

  public SecretHasher(Vertx vertx) {
    this.vertx = vertx;
  }

  public static String newSecret() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public Uni<String> hash(String secret) {
    return vertx.executeBlocking(() -> BcryptUtil.bcryptHash(secret), false);
  }

  /** Whether {@code secret} matches {@code hash}; a null hash (unknown client) never matches. */
  public Uni<Boolean> matches(String secret, String hash) {
    return vertx.executeBlocking(
        () -> BcryptUtil.matches(secret, hash == null ? decoyHash : hash) && hash != null, false);
  }
}
