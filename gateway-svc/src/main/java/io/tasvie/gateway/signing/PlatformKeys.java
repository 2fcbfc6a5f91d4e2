package io.tasvie.gateway.signing;

import io.quarkus.runtime.Startup;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The platform's signing key (RSA, SHA-256) under its key index, and the key set merchants verify
 * with, published at {@code /.well-known/tasvie-keys}.
 */
@ApplicationScoped
@Startup // a missing or unreadable key stops the service at start, not at the first payment
public class PlatformKeys {

  private final String keyIndex;
  private final PrivateKey privateKey;
  private final String jwks;
  private final Map<String, String> pems = new java.util.LinkedHashMap<>();

  public PlatformKeys(SigningConfig config) throws IOException, GeneralSecurityException {
    this.keyIndex = config.keyIndex();
    this.privateKey = KeyUtils.decodePrivateKey(read(config.keyLocation()));
    List<JsonWebKey> keys = new ArrayList<>();
    publish(keys, keyIndex, publicKeyOf(privateKey));
    for (Map.Entry<String, String> retired : config.retiredKeys().entrySet()) {
      publish(keys, retired.getKey(), KeyUtils.decodePublicKey(read(retired.getValue())));
    }
    this.jwks = new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
  }

  public String keyIndex() {
    return keyIndex;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The JWKS document: every published key with its {@code kid}, {@code use} and {@code alg}. */
  public String jwks() {
    return jwks;
  }

  /** The public key of {@code kid} as PEM (for openssl), or null if none is published. */
  public String pem(String kid) {
    return pems.get(kid);
  }

  /** Base64 of the RSA-SHA256 (PKCS #1 v1.5) signature of {@code canonical}. */
  public String sign(byte[] canonical) {
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(privateKey);
      signature.update(canonical);
      return Base64.getEncoder().encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with the platform key", e);
    }
  }

  /** A PEM from a file path ({@code file:} optional) or else the classpath. */
  private static String read(String location) throws IOException {
    Path file = Path.of(location.startsWith("file:") ? location.substring(5) : location);
    if (Files.isRegularFile(file)) {
      return Files.readString(file);
    }
    String resource = ResourceUtils.readResource(location);
    if (resource == null) {
      throw new IllegalStateException("no key at " + location + " (tasvie.signing)");
    }
    return resource;
  }

  private void publish(List<JsonWebKey> keys, String kid, PublicKey key) {
    keys.add(jwk(kid, key));
    pems.put(kid, PublicKeys.pem(key.getEncoded()));
  }

  private static PublicKey publicKeyOf(PrivateKey key) throws GeneralSecurityException {
    RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
    return KeyFactory.getInstance("RSA")
        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
  }

  private static JsonWebKey jwk(String kid, PublicKey key) {
    try {
      PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
      jwk.setKeyId(kid);
      jwk.setUse("sig");
      jwk.setAlgorithm("RS256");
      return jwk;
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }
}
