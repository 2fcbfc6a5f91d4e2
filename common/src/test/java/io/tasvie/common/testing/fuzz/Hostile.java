package io.tasvie.common.testing.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Hostile values for one slot of a request (a path or query parameter, a form field, a JSON
 * property, a field of a session frame), drawn from jqwik arbitraries with a seeded {@link Random}
 * so that a run is reproducible from its seed.
 *
 * <p>Each value carries a {@link Category} that says what the service must do with it: text with a
 * character that {@code io.tasvie.common.check.Text} refuses must be refused as an invalid request,
 * a malformed id or date or a value of the wrong type must be refused, and the rest (extremes,
 * over-long text, odd but legal characters) only must not break the service.
 */
public final class Hostile {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** What a value is, and so what the service owes it. */
  public enum Category {
    /** NUL, a C0 control other than tab/CR/LF, DEL or a lone surrogate: must be refused (400). */
    FORBIDDEN_TEXT,
    /** Bytes that are not UTF-8 in a URL or form (what a lone surrogate becomes there). */
    BAD_BYTES,
    /** A malformed UUID, date, time, enum constant or number in text form: must be refused. */
    MALFORMED,
    /** A JSON value of another type than the schema's: must be refused. */
    WRONG_TYPE,
    /** Huge, negative, zero or fractional numbers: may be legal, must not break anything. */
    EXTREME_NUMBER,
    /** Text far longer than any field needs: must not break anything. */
    OVERLONG,
    /** The slot left out: must be refused if the schema requires it. */
    MISSING,
    /** JSON null: must be refused if the schema requires the property. */
    NULL,
    /** Legal but unusual text (markup, SQL, RTL overrides, emoji): must not break anything. */
    ODD
  }

  /**
   * One hostile value: {@code json} for JSON bodies and frames (null when {@link
   * Category#MISSING}), {@code param} for URLs and forms, already percent-encoded (null when
   * missing).
   */
  public record Value(String label, Category category, JsonNode json, String param) {

    public boolean missing() {
      return category == Category.MISSING;
    }
  }

  /** Characters that the platform's text rule refuses, each with a readable name. */
  static final List<String> FORBIDDEN =
      List.of(
          "\u0000",
          "\u0001",
          "\u0007",
          "\u0008",
          "\u000b",
          "\u000c",
          "\u001b",
          "\u001f",
          "\u007f",
          "\ud800",
          "\udbff",
          "\udc00",
          "\udfff",
          "\udc00\ud800");

  private static final List<String> ODD_TEXT =
      List.of(
          "",
          " ",
          "\t",
          "\r\n",
          "' OR '1'='1' --",
          "\"; drop table payment; --",
          "<script>alert(1)</script>",
          "]]><![CDATA[",
          "../../../../etc/passwd",
          "${jndi:ldap://127.0.0.1/x}",
          "#{7*7}{{7*7}}",
          "=HYPERLINK(\"http://x\")",
          "\u202eevil\u202c",
          "\ufeffbom",
          "\u200b",
          "\ud83d\udcb3\ud83d\ude00",
          "\u0627\u0644\u0633\u0644\u0627\u0645 \u06f1\u06f2\u06f3",
          "%00",
          "%s%n%x",
          "\\u0000",
          "null",
          "true",
          "-0",
          "NaN");

  private static final List<String> MALFORMED_UUIDS =
      List.of(
          "not-a-uuid",
          "00000000-0000-0000-0000-00000000000g",
          "00000000000000000000000000000000",
          "00000000-0000-0000-0000-0000000000000",
          "{00000000-0000-0000-0000-000000000000}",
          "123",
          "-1",
          "ffffffff-ffff-ffff-ffff-ffffffffffff-ff");

  private static final List<String> MALFORMED_DATES =
      List.of(
          "2026-02-30",
          "2026-13-01",
          "2026-00-10",
          "2026-1-1",
          "26-01-01",
          "+999999999-12-31",
          "-2026-01-01",
          "99999-01-01",
          "0000-00-00",
          "2026/01/01",
          "1405-13-31",
          "yesterday",
          "2026-01-01T25:61:00Z");

  private static final List<String> MALFORMED_DATE_TIMES =
      List.of(
          "2026-02-30T10:00:00Z",
          "2026-01-01T25:00:00Z",
          "2026-01-01 10:00:00",
          "2026-01-01T10:00:00+25:00",
          "1e12",
          "+1000000000-01-01T00:00:00Z",
          "now");

  private static final List<String> MALFORMED_NUMBERS =
      List.of(
          "abc",
          "1e",
          "0x10",
          "1,000",
          "١٢٣",
          "12.5.1",
          "--1",
          "9".repeat(40),
          "1e999",
          "Infinity");

  private static final List<String> MALFORMED_TIMES = List.of("25:00", "18:60", "6pm", "18", "");

  private final Random random;

  public Hostile(Random random) {
    this.random = random;
  }

  /**
   * One value of {@code arbitrary} from this run's random. jqwik generates outside of its own
   * properties (here: inside a {@code @QuarkusTest}) only within a {@link JqwikSession}.
   */
  private <T> T draw(Arbitrary<T> arbitrary) {
    boolean own = !JqwikSession.isActive();
    if (own) {
      JqwikSession.start();
    }
    try {
      return arbitrary.generator(1000).next(random).value();
    } finally {
      if (own) {
        JqwikSession.finish();
      }
    }
  }

  /** {@code valid} with one forbidden character put at a random place in it. */
  private String withForbidden(String valid) {
    String bad = draw(Arbitraries.of(FORBIDDEN));
    String base = valid == null || valid.isEmpty() ? "x" : valid;
    int at = draw(Arbitraries.integers().between(0, base.length()));
    // never split a surrogate pair of the valid text
    if (at > 0 && at < base.length() && Character.isLowSurrogate(base.charAt(at))) {
      at--;
    }
    return base.substring(0, at) + bad + base.substring(at);
  }

  static String describe(String text) {
    if (text == null) {
      return "null";
    }
    String shown = text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + ")" : text;
    StringBuilder out = new StringBuilder("\"");
    for (char c : shown.toCharArray()) {
      if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\u202e' || c == '\ufeff') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  // ---------------------------------------------------------------- values for JSON properties

  /**
   * Hostile JSON values for a property whose schema is {@code schema} and whose valid value is
   * {@code valid}: always NUL text, a lone surrogate, a wrong type, and null or nothing, then
   * {@code extra} more drawn at random from every category that fits the schema.
   */
  public List<Value> forJson(Schemas.Slot slot, int extra) {
    List<Value> values = new ArrayList<>();
    String validText =
        slot.valid() != null && slot.valid().isTextual() ? slot.valid().asText() : null;
    String base =
        validText != null ? validText : slot.valid() == null ? "x" : slot.valid().asText();
    String nul = base.isEmpty() ? "\u0000" : base.substring(0, 1) + "\u0000" + base.substring(1);
    values.add(text("NUL inside", Category.FORBIDDEN_TEXT, nul));
    values.add(text("lone surrogate", Category.FORBIDDEN_TEXT, base + "\ud800"));
    values.add(wrongType(slot));
    values.add(
        slot.required()
            ? new Value("missing", Category.MISSING, null, null)
            : new Value("null", Category.NULL, JSON.nullNode(), null));
    List<Arbitrary<Value>> pools = new ArrayList<>();
    pools.add(
        Arbitraries.just(0)
            .map(i -> text("forbidden char", Category.FORBIDDEN_TEXT, withForbidden(base))));
    pools.add(Arbitraries.of(ODD_TEXT).map(t -> text("odd text", oddCategory(slot, t), t)));
    pools.add(
        Arbitraries.of(1_000, 10_000, 100_000)
            .map(n -> text("overlong " + n, Category.OVERLONG, repeat(base, n))));
    pools.add(Arbitraries.just(0).map(i -> wrongType(slot)));
    pools.add(
        Arbitraries.just(0).map(i -> new Value("null", Category.NULL, JSON.nullNode(), null)));
    pools.add(Arbitraries.just(0).map(i -> new Value("missing", Category.MISSING, null, null)));
    String type = slot.type();
    if ("integer".equals(type) || "number".equals(type)) {
      pools.add(numbers().map(n -> new Value("number " + n, Category.EXTREME_NUMBER, n, null)));
      pools.add(numbers().map(n -> new Value("number " + n, Category.EXTREME_NUMBER, n, null)));
      pools.add(
          Arbitraries.of(MALFORMED_NUMBERS)
              .map(t -> text("number as malformed text", Category.WRONG_TYPE, t)));
    }
    List<String> malformed = malformedFor(slot);
    if (!malformed.isEmpty()) {
      pools.add(
          Arbitraries.of(malformed)
              .map(t -> text("malformed " + slot.format(), Category.MALFORMED, t)));
      pools.add(
          Arbitraries.of(malformed)
              .map(t -> text("malformed " + slot.format(), Category.MALFORMED, t)));
    }
    if (slot.enumValues() != null && !slot.enumValues().isEmpty()) {
      String constant = slot.enumValues().get(0);
      pools.add(
          Arbitraries.of(
                  constant.toLowerCase(java.util.Locale.ROOT) + "x",
                  "NOT_A_CONSTANT",
                  constant + " ")
              .map(t -> text("not an enum constant", Category.MALFORMED, t)));
    }
    for (int i = 0; i < extra; i++) {
      values.add(draw(Arbitraries.oneOf(pools)));
    }
    return values;
  }

  private static Category oddCategory(Schemas.Slot slot, String text) {
    // text in a field that is not text is of the wrong type
    String type = slot.type();
    if (type != null && !"string".equals(type)) {
      return Category.WRONG_TYPE;
    }
    return Category.ODD;
  }

  private Arbitrary<JsonNode> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.of(
                "0",
                "-1",
                "-9223372036854775808",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775809",
                "2147483648",
                "1.5",
                "0.001",
                "-0.0",
                "1e300",
                "1e400",
                "123456789012345678901234567890",
                "-1e-400")
            .map(t -> (JsonNode) JSON.numberNode(new BigDecimal(t))),
        Arbitraries.bigIntegers()
            .between(BigInteger.TEN.pow(25).negate(), BigInteger.TEN.pow(25))
            .map(b -> (JsonNode) JSON.numberNode(b)),
        Arbitraries.longs().map(l -> (JsonNode) JSON.numberNode(l)));
  }

  private static List<String> malformedFor(Schemas.Slot slot) {
    String format = slot.format() == null ? "" : slot.format();
    return switch (format) {
      case "uuid" -> MALFORMED_UUIDS;
      case "date" -> MALFORMED_DATES;
      case "date-time" -> MALFORMED_DATE_TIMES;
      case "local-time", "time", "partial-time" -> MALFORMED_TIMES;
      default -> List.of();
    };
  }

  private static Value text(String label, Category category, String text) {
    return new Value(label + " " + describe(text), category, JSON.textNode(text), encode(text));
  }

  private Value wrongType(Schemas.Slot slot) {
    String type = slot.type() == null ? "object" : slot.type();
    List<JsonNode> candidates = new ArrayList<>();
    if (!"boolean".equals(type)) {
      candidates.add(JSON.booleanNode(true));
    }
    if (!"array".equals(type)) {
      candidates.add(
          JSON.arrayNode().add(slot.valid() == null ? JSON.textNode("x") : slot.valid()));
    }
    if (!"object".equals(type)) {
      candidates.add(JSON.objectNode().put("value", "x"));
    }
    if (!"integer".equals(type) && !"number".equals(type)) {
      candidates.add(JSON.numberNode(42));
    }
    if (!"string".equals(type)) {
      candidates.add(JSON.textNode(slot.valid() == null ? "x" : slot.valid().toString()));
    }
    JsonNode node = draw(Arbitraries.of(candidates));
    return new Value(
        "wrong type " + node.getNodeType() + " " + node, Category.WRONG_TYPE, node, null);
  }

  // ------------------------------------------------------- values for URL parameters and forms

  /**
   * Hostile values for a path or query parameter or a form field whose valid value is {@code
   * valid}: NUL and a control character always, then {@code extra} more at random.
   */
  public List<Value> forParam(Schemas.Slot slot, int extra) {
    String base = slot.valid() == null ? "x" : slot.valid().asText();
    List<Value> values = new ArrayList<>();
    String nul = base.isEmpty() ? "\u0000" : base.substring(0, 1) + "\u0000" + base.substring(1);
    values.add(text("NUL inside", Category.FORBIDDEN_TEXT, nul));
    values.add(text("control char", Category.FORBIDDEN_TEXT, base + "\u001b"));
    List<Arbitrary<Value>> pools = new ArrayList<>();
    pools.add(
        Arbitraries.just(0)
            .map(
                i -> {
                  // a lone surrogate cannot be UTF-8: in a URL or form it is bytes, not text
                  String bad = withForbidden(base);
                  int at = io.tasvie.common.check.Text.firstForbidden(bad);
                  boolean bytes = at >= 0 && Character.isSurrogate(bad.charAt(at));
                  return text(
                      "forbidden char", bytes ? Category.BAD_BYTES : Category.FORBIDDEN_TEXT, bad);
                }));
    pools.add(
        Arbitraries.of("%ED%A0%80", "%ED%BF%BF", "%C0%80", "%FF%FE", "%E2%82")
            .map(b -> new Value("not UTF-8 " + b, Category.BAD_BYTES, null, encode(base) + b)));
    pools.add(
        Arbitraries.of("%", "%zz", "%%00", "%0")
            .map(b -> new Value("bad escape " + b, Category.BAD_BYTES, null, encode(base) + b)));
    pools.add(Arbitraries.of(ODD_TEXT).map(t -> text("odd text", Category.ODD, t)));
    pools.add(
        Arbitraries.of(1_000, 8_000, 20_000)
            .map(n -> text("overlong " + n, Category.OVERLONG, repeat(base, n))));
    String type = slot.type();
    if ("integer".equals(type) || "number".equals(type)) {
      pools.add(numbers().map(n -> text("number", Category.EXTREME_NUMBER, n.asText())));
      pools.add(
          Arbitraries.of(MALFORMED_NUMBERS)
              .map(t -> text("malformed number", Category.MALFORMED, t)));
    }
    if ("boolean".equals(type)) {
      pools.add(
          Arbitraries.of("yes", "1", "TRUEx", "")
              .map(t -> text("malformed boolean", Category.MALFORMED, t)));
    }
    List<String> malformed = malformedFor(slot);
    if (!malformed.isEmpty()) {
      pools.add(
          Arbitraries.of(malformed)
              .map(t -> text("malformed " + slot.format(), Category.MALFORMED, t)));
      pools.add(
          Arbitraries.of(malformed)
              .map(t -> text("malformed " + slot.format(), Category.MALFORMED, t)));
    }
    if (slot.enumValues() != null && !slot.enumValues().isEmpty()) {
      pools.add(
          Arbitraries.of("NOT_A_CONSTANT", "x")
              .map(t -> text("not an enum constant", Category.MALFORMED, t)));
    }
    if (slot.location() != Schemas.Location.PATH) {
      pools.add(Arbitraries.just(0).map(i -> new Value("missing", Category.MISSING, null, null)));
    }
    for (int i = 0; i < extra; i++) {
      values.add(draw(Arbitraries.oneOf(pools)));
    }
    return values;
  }

  private static String repeat(String base, int length) {
    String unit = base.isEmpty() ? "a" : base;
    StringBuilder out = new StringBuilder(length + unit.length());
    while (out.length() < length) {
      out.append(unit);
    }
    return out.toString();
  }

  /** Percent-encodes {@code text} as UTF-8, lone surrogates as their three CESU-8 bytes. */
  public static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append(c);
        continue;
      }
      byte[] bytes;
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes =
            new byte[] {
              (byte) (0xE0 | (c >> 12)),
              (byte) (0x80 | ((c >> 6) & 0x3F)),
              (byte) (0x80 | (c & 0x3F))
            };
      } else {
        bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
      }
      for (byte b : bytes) {
        out.append('%').append(String.format("%02X", b & 0xFF));
      }
    }
    return out.toString();
  }

  /** A random choice from {@code items}, from this run's seeded random. */
  public <T> T pick(List<T> items) {
    return draw(Arbitraries.of(items));
  }

  /** {@code count} of {@code items} chosen without repetition (all of them if fewer). */
  public <T> List<T> sample(List<T> items, int count) {
    if (items.size() <= count) {
      return items;
    }
    List<T> copy = new ArrayList<>(items);
    java.util.Collections.shuffle(copy, random);
    return copy.subList(0, count);
  }

  /** Hostile JSON for a session frame's field whose valid value is {@code valid}. */
  public List<Value> forFrameField(String name, JsonNode valid, int extra) {
    String type =
        valid == null
            ? null
            : valid.isTextual()
                ? "string"
                : valid.isIntegralNumber()
                    ? "integer"
                    : valid.isNumber()
                        ? "number"
                        : valid.isBoolean()
                            ? "boolean"
                            : valid.isObject() ? "object" : valid.isArray() ? "array" : null;
    String format = null;
    if (valid != null && valid.isTextual()) {
      String t = valid.asText();
      if (t.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
        format = "uuid";
      } else if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
        format = "date";
      }
    }
    return forJson(
        new Schemas.Slot(Schemas.Location.BODY, "/" + name, name, type, format, null, true, valid),
        extra);
  }
}
