package io.tasvie.gateway.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The string a signature covers. For an HTTP request or notification:
 *
 * <pre>
 * tasvie-v1
 * POST
 * /v1/payments
 * 5f2b…  (lower-case hex SHA-256 of the exact body bytes)
 * </pre>
 *
 * joined by {@code \n}, no newline at the end. For the legacy form the last line hashes the values
 * of {@code ID, Res, Amnt, Nam, Dsc, RedirectURL} joined by {@code \n} (an absent one is empty).
 */
public final class Canonical {

  public static final String VERSION = "tasvie-v1";

  /** The headers a signature travels in, on merchants' requests and on notifications alike. */
  public static final String SIGNATURE_HEADER = "Tasvie-Signature";

  public static final String KEY_INDEX_HEADER = "Tasvie-Key-Index";
  public static final List<String> FORM_FIELDS =
      List.of("ID", "Res", "Amnt", "Nam", "Dsc", "RedirectURL");

  private Canonical() {}

  public static byte[] of(String method, String path, byte[] body) {
    return String.join("\n", VERSION, method, path, sha256Hex(body))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The legacy form's values in {@link #FORM_FIELDS} order. */
  public static byte[] ofForm(String path, List<String> values) {
    String joined = String.join("\n", values.stream().map(v -> v == null ? "" : v).toList());
    return of("POST", path, joined.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
