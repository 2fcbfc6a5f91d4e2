package io.tasvie.gateway.signing;

import io.tasvie.common.problem.ProblemException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Merchants' public keys: parsed from PEM and held to the platform's minimum (RSA of 2048 bits or
 * more, or EC on P-256), and signatures checked with them (SHA256withRSA, or SHA256withECDSA in DER
 * as {@code openssl dgst -sign} writes it).
 */
public final class PublicKeys {

  public static final int MIN_RSA_BITS = 2048;
  private static final ECParameterSpec P256 = p256();

  /** A checked key: its algorithm, size, normalised PEM and SHA-256 fingerprint of the DER. */
  public record Parsed(String algorithm, int bits, String pem, String fingerprint) {}

  private PublicKeys() {}

  public static Parsed parse(String pem) {
    byte[] der = decode(pem);
    PublicKey key = read(der);
    int bits;
    if (key instanceof RSAPublicKey rsa) {
      bits = rsa.getModulus().bitLength();
      if (bits < MIN_RSA_BITS) {
        throw ProblemException.badRequest(
            "key-too-weak",
            "An RSA key needs at least " + MIN_RSA_BITS + " bits; this one has " + bits);
      }
    } else if (key instanceof ECPublicKey ec) {
      if (!isP256(ec.getParams())) {
        throw ProblemException.badRequest(
            "unsupported-curve", "An EC key must be on the P-256 curve (prime256v1, secp256r1)");
      }
      bits = 256;
    } else {
      throw invalid();
    }
    return new Parsed(key.getAlgorithm(), bits, pem(der), Canonical.sha256Hex(der));
  }

  /** A public key's DER (SubjectPublicKeyInfo) as PEM, 64 characters a line. */
  public static String pem(byte[] der) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** Whether {@code signature} (Base64) over {@code data} was made with {@code pem}'s key. */
  public static boolean verifies(String pem, byte[] data, String signature) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(signature.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    PublicKey key = read(decode(pem));
    try {
      Signature verifier =
          Signature.getInstance(key instanceof RSAPublicKey ? "SHA256withRSA" : "SHA256withECDSA");
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(raw);
    } catch (GeneralSecurityException e) {
      return false; // e.g. an ECDSA signature that is not DER
    }
  }

  private static byte[] decode(String pem) {
    if (pem == null) {
      throw invalid();
    }
    String body =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    if (!pem.contains("-----BEGIN PUBLIC KEY-----") || body.isEmpty()) {
      throw invalid();
    }
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
  }

  private static PublicKey read(byte[] der) {
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm; try the next
      }
    }
    throw invalid();
  }

  private static boolean isP256(ECParameterSpec params) {
    return params.getCurve().equals(P256.getCurve())
        && params.getGenerator().equals(P256.getGenerator())
        && params.getOrder().equals(P256.getOrder());
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ProblemException invalid() {
    return ProblemException.badRequest(
        "invalid-public-key",
        "publicKey must be a PEM public key (-----BEGIN PUBLIC KEY-----): RSA or EC P-256");
  }
}
