package io.tasvie.common.testing;

import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Tokens signed with the test-only key in this test-jar ({@code test-jwt-private.pem}), which every
 * service trusts in the test profile.
 */
public final class TestTokens {

  private TestTokens() {}

  public static String token(String role) {
    return Jwt.issuer("tasvie")
        .upn("test-" + role)
        .groups(Set.of(role))
        .expiresIn(Duration.ofMinutes(10))
        .sign("test-jwt-private.pem");
  }

  /** A merchant's token: role merchant, its {@code merchant_id} claim. */
  public static String merchant(UUID merchantId) {
    return Jwt.issuer("tasvie")
        .upn("test-merchant-" + merchantId)
        .groups(Set.of("merchant"))
        .claim("merchant_id", merchantId.toString())
        .expiresIn(Duration.ofMinutes(10))
        .sign("test-jwt-private.pem");
  }

  public static String expired(String role) {
    Instant past = Instant.now().minus(Duration.ofHours(2));
    return Jwt.issuer("tasvie")
        .upn("test-" + role)
        .groups(Set.of(role))
        .issuedAt(past)
        .expiresAt(past.plus(Duration.ofMinutes(10)))
        .sign("test-jwt-private.pem");
  }

  /** A well-formed RS256 token signed by a key that nobody trusts. */
  public static String signedByStranger(String role) {
    return Jwt.issuer("tasvie")
        .upn("test-" + role)
        .groups(Set.of(role))
        .expiresIn(Duration.ofMinutes(10))
        .sign(strangerKey());
  }

  public static String withIssuer(String issuer, String role) {
    return Jwt.issuer(issuer)
        .upn("test-" + role)
        .groups(Set.of(role))
        .expiresIn(Duration.ofMinutes(10))
        .sign("test-jwt-private.pem");
  }

  private static PrivateKey strangerKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair().getPrivate();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
