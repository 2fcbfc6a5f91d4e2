package io.tasvie.terminal.terminal.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The random codes terminal-svc hands out, and the hash they are kept as. */
public final class Codes {

  /** No 0/O, 1/I/L: codes are read from an e-mail and typed on a phone. */
  private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

  private static final SecureRandom RANDOM = new SecureRandom();

  private Codes() {}

  /** Ten characters of a 31-letter alphabet: about 50 bits, beyond guessing online. */
  public static String activationCode() {
    StringBuilder code = new StringBuilder(10);
    for (int i = 0; i < 10; i++) {
      code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /** What a person typed, in the form the code was issued in (case, spaces and dashes ignored). */
  public static String normaliseActivationCode(String typed) {
    return typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase();
  }

  /** The six digits shown on the phone and typed on a Bluetooth reader. */
  public static String securityCode() {
    return String.format("%06d", RANDOM.nextInt(1_000_000));
  }

  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  public static boolean sameHash(String expected, String actual) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }
}
