package io.tasvie.common.problem;

import java.util.Map;

/**
 * A failure that the caller caused or must know about, answered as RFC 9457 problem details.
 *
 * <p>{@code type} is a short stable slug (e.g. {@code merchant-not-found}); the full type URI is
 * built from it by {@link Problem}.
 */
public class ProblemException extends RuntimeException {

  private final int status;
  private final String type;
  private final String title;
  private final Map<String, Object> extensions;

  public ProblemException(int status, String type, String title, String detail) {
    this(status, type, title, detail, Map.of());
  }

  public ProblemException(
      int status, String type, String title, String detail, Map<String, Object> extensions) {
    super(detail, null, false, false);
    this.status = status;
    this.type = type;
    this.title = title;
    this.extensions = Map.copyOf(extensions);
  }

  public static ProblemException notFound(String what, Object id) {
    return new ProblemException(
        404, what + "-not-found", capitalise(what) + " not found", "No " + what + " " + id);
  }

  public static ProblemException badRequest(String type, String detail) {
    return new ProblemException(400, type, "Bad request", detail);
  }

  /**
   * The constant of {@code type} named {@code value}, or null for no value.
   *
   * @throws ProblemException 400 {@code unknown-<name>} listing the accepted values
   */
  public static <E extends Enum<E>> E enumValue(Class<E> type, String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw badRequest(
          "unknown-" + name,
          name + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  public static ProblemException conflict(String type, String detail) {
    return new ProblemException(409, type, "Conflict", detail);
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }

  private static String capitalise(String what) {
    return what.isEmpty() ? what : Character.toUpperCase(what.charAt(0)) + what.substring(1);
  }
}
