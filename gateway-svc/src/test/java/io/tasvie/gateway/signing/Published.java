package io.tasvie.gateway.signing;

import static io.restassured.RestAssured.given;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * What a merchant verifies the platform with, fetched as a merchant would: the published key set,
 * and the digest of the canonical string (computed here, not by the service's code).
 */
public final class Published {

  private Published() {}

  public static JsonWebKeySet keys() throws JoseException {
    return new JsonWebKeySet(given().get("/.well-known/tasvie-keys").then().extract().asString());
  }

  public static PublicKey key(String kid) throws JoseException {
    return ((PublicJsonWebKey) keys().findJsonWebKey(kid, null, null, null)).getPublicKey();
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
