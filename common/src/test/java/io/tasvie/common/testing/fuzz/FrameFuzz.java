package io.tasvie.common.testing.fuzz;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tasvie.common.testing.TerminalClient;
import io.tasvie.common.testing.fuzz.Hostile.Category;
import io.tasvie.common.testing.fuzz.Hostile.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends hostile frames of every type over a terminal session: each field of a valid frame replaced
 * by a hostile value in turn, and whole-frame mutations (not JSON, not an object, no or a bad id or
 * type, doubled fields, deep nesting, a frame over the size limit). Every answer must be the
 * request's result or an error with a documented code (never {@code INTERNAL_ERROR}), text that the
 * platform's rule refuses must be answered {@code INVALID_FIELD}, and after every frame the session
 * must still answer a ping.
 */
public final class FrameFuzz {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper READ = new ObjectMapper();
  private static final ObjectMapper WRITE =
      JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private static final Pattern CODE = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

  /** Codes that tell a request could not be served at all, never an answer to bad input. */
  private static final Set<String> FAULTS = Set.of("INTERNAL_ERROR", "UNAVAILABLE");

  /** Codes a request may get before its fields are read (the session's or the terminal's state). */
  private static final Set<String> PRECONDITIONS =
      Set.of(
          "NOT_A_TILL",
          "BUSY",
          "IN_PROGRESS",
          "TERMINAL_NOT_ACTIVE",
          "MERCHANT_NOT_FOUND",
          "REFUNDS_LOCKED",
          "READER_NOT_PAIRED",
          "SUPERVISOR_CODE_NOT_SET");

  /** The session under test, reopened when a frame made the server close it. */
  public interface Sessions {
    TerminalClient get();

    void reopen();
  }

  private final Hostile hostile;
  private final long seed;
  private final Set<String> documented;
  private final Map<String, OpenApiFuzz.Failure> failures = new LinkedHashMap<>();
  private int frames;

  /**
   * @param readme the README whose tables document the session's error codes (null: any code that
   *     is not a fault is taken)
   */
  public FrameFuzz(long seed, Path readme) {
    this.seed = Long.getLong("tasvie.fuzz.seed", seed);
    this.hostile = new Hostile(new Random(this.seed));
    this.documented = readme == null ? null : documentedCodes(readme);
  }

  static Set<String> documentedCodes(Path readme) {
    Set<String> codes = new LinkedHashSet<>();
    try {
      boolean inSession = false;
      for (String line : Files.readAllLines(readme)) {
        if (line.startsWith("#### The session protocol")) {
          inSession = true;
        } else if (line.startsWith("## ") && inSession) {
          break;
        }
        if (inSession && line.startsWith("| `")) {
          String first = line.substring(0, line.indexOf('|', 2));
          Matcher m = CODE.matcher(first);
          while (m.find()) {
            codes.add(m.group(1));
          }
        }
      }
    } catch (IOException e) {
      return null;
    }
    return codes.isEmpty() ? null : codes;
  }

  /**
   * Fuzzes {@code type} on the session {@code client()} gives (reopened should it close), starting
   * from the valid frame {@code valid} (without type and id); {@code extra} random values per field
   * beside the fixed ones.
   */
  public void fuzz(Sessions client, String type, String valid, int extra) {
    ObjectNode template;
    try {
      template = (ObjectNode) READ.readTree(valid);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
    List<String[]> fields = new ArrayList<>();
    collect(template, "", fields);
    for (String[] field : fields) {
      JsonNode current = template.at(field[0]);
      for (Value value : hostile.forFrameField(field[1], current, extra)) {
        ObjectNode frame = template.deepCopy();
        set(frame, field[0], value);
        frame.put("type", type);
        String id = "fz-" + UUID.randomUUID();
        frame.put("id", id);
        String text = write(frame);
        exchange(client, type, field[0] + " = " + value.label(), value.category(), text, id);
      }
    }
    ObjectNode ok = template.deepCopy();
    ok.put("type", type);
    String text = write(ok);
    // whole-frame mutations
    wholeFrame(client, type, "no id", text, null);
    wholeFrame(client, type, "id a number", text.replaceFirst("^\\{", "{\"id\":42,"), null);
    wholeFrame(
        client,
        type,
        "id of 65 characters",
        text.replaceFirst("^\\{", "{\"id\":\"" + "i".repeat(65) + "\","),
        null);
    // a fresh id each time: a recorded type would otherwise replay the answer stored for the last
    wholeFrame(
        client,
        type,
        "id with NUL",
        "{\"id\":\"fz-\\u0000-" + UUID.randomUUID() + "\"," + text.substring(1),
        null);
    String id = "fz-" + UUID.randomUUID();
    exchange(
        client,
        type,
        "type with NUL",
        Category.FORBIDDEN_TEXT,
        text.replace("\"type\":\"" + type + "\"", "\"type\":\"" + type + "\\u0000\"")
            .replaceFirst("^\\{", "{\"id\":\"" + id + "\","),
        id);
    id = "fz-" + UUID.randomUUID();
    exchange(
        client,
        type,
        "type a number",
        Category.WRONG_TYPE,
        text.replace("\"type\":\"" + type + "\"", "\"type\":7")
            .replaceFirst("^\\{", "{\"id\":\"" + id + "\","),
        id);
    id = "fz-" + UUID.randomUUID();
    exchange(
        client,
        type,
        "type doubled (second ping)",
        Category.ODD,
        text.replaceFirst("^\\{", "{\"id\":\"" + id + "\",")
            .replaceFirst("}$", ",\"type\":\"ping\"}"),
        id);
    id = "fz-" + UUID.randomUUID();
    exchange(
        client,
        type,
        "id doubled",
        Category.ODD,
        text.replaceFirst("^\\{", "{\"id\":\"" + id + "\",\"id\":\"" + id + "\","),
        id);
    if (template.size() > 0) {
      String first = template.fieldNames().next();
      ObjectNode deep = ok.deepCopy();
      deep.put(first, "__deep__");
      id = "fz-" + UUID.randomUUID();
      deep.put("id", id);
      exchange(
          client,
          type,
          first + " nested 1500 deep",
          Category.WRONG_TYPE,
          write(deep).replace("\"__deep__\"", OpenApiFuzz.nested(1_500)),
          id);
      ObjectNode doubled = ok.deepCopy();
      id = "fz-" + UUID.randomUUID();
      doubled.put("id", id);
      String doubledText = write(doubled).replaceFirst("^\\{", "{\"" + first + "\":\"x\\u0000\",");
      exchange(
          client,
          type,
          "field " + first + " doubled (first with NUL)",
          Category.ODD,
          doubledText,
          id);
    }
    id = "fz-" + UUID.randomUUID();
    ObjectNode big = ok.deepCopy();
    big.put("id", id);
    big.put("padding", "a".repeat(70_000));
    wholeFrame(client, type, "frame of 70 KB", write(big), "FRAME_TOO_LARGE");
  }

  /** Frames that are not requests at all. */
  public void fuzzRawFrames(Sessions client) {
    for (String raw :
        List.of(
            "{",
            "[]",
            "[{\"type\":\"ping\",\"id\":\"a\"}]",
            "\"ping\"",
            "null",
            "42",
            "",
            " ",
            "{\"type\":\"ping\"",
            "\u0000",
            "{\"id\":\"x\",\"type\":\"ping\"}\u0000",
            "{'type':'ping','id':'a'}",
            "{\"type\":\"ping\",\"id\":\"a\",}",
            "\ufeff{}")) {
      wholeFrame(client, "(raw)", "raw " + Hostile.describe(raw), raw, null);
    }
  }

  private void wholeFrame(Sessions client, String type, String what, String text, String expected) {
    frames++;
    TerminalClient session = client.get();
    JsonNode answer;
    try {
      session.sendRaw(text);
      answer = answerTo(session, null);
    } catch (AssertionError | RuntimeException e) {
      fail(type, what, "no-answer", "no answer: " + e.getMessage(), text, null);
      usable(client, type, what, text);
      return;
    }
    if (!answer.path("type").asText().equals("error")) {
      fail(
          type,
          what,
          "accepted",
          "answered " + answer.path("type").asText() + ", expected an error",
          text,
          answer);
      usable(client, type, what, text);
      return;
    }
    String code = answer.path("code").asText(null);
    judgeCode(type, what, code, text, answer);
    if (expected != null && !expected.equals(code)) {
      fail(type, what, "code", "answered " + code + ", expected " + expected, text, answer);
    }
    usable(client, type, what, text);
  }

  private void exchange(
      Sessions client, String type, String what, Category category, String text, String id) {
    frames++;
    TerminalClient session = client.get();
    JsonNode answer;
    try {
      session.sendRaw(text);
      answer = answerTo(session, id);
    } catch (AssertionError | RuntimeException e) {
      fail(type, what, "no-answer", "no answer with the frame's id: " + e.getMessage(), text, null);
      usable(client, type, what, text);
      return;
    }
    String answerType = answer.path("type").asText();
    if (answerType.equals("error")) {
      String code = answer.path("code").asText(null);
      judgeCode(type, what, code, text, answer);
      if (category == Category.FORBIDDEN_TEXT
          && code != null
          && !code.equals("INVALID_FIELD")
          && !PRECONDITIONS.contains(code)
          && !code.equals("MISSING_ID")
          && !code.equals("UNKNOWN_TYPE")) {
        fail(
            type,
            what,
            "not-invalid-field",
            "forbidden text answered " + code + ", expected INVALID_FIELD",
            text,
            answer);
      }
    } else if (!answerType.equals(type + ".result") && !answerType.equals("ping.result")) {
      fail(type, what, "answer-type", "answered type " + answerType, text, answer);
    } else if (category == Category.FORBIDDEN_TEXT) {
      fail(
          type,
          what,
          "accepted",
          "forbidden text accepted (" + answerType + "), expected INVALID_FIELD",
          text,
          answer);
    }
    usable(client, type, what, text);
  }

  /**
   * The answer to the frame just sent: the frame with its id, or an error without id (a frame the
   * server could not read); with {@code id} null, the first frame that is no push and no answer to
   * an earlier ping.
   */
  private static JsonNode answerTo(TerminalClient session, String id) {
    for (int i = 0; i < 10; i++) {
      JsonNode frame = session.next();
      String type = frame.path("type").asText();
      JsonNode frameId = frame.get("id");
      boolean noId = frameId == null || frameId.isNull();
      if (noId && type.equals("error")) {
        return frame;
      }
      if (noId) {
        continue; // a push: welcome, refund-approved, wallet-payment.status
      }
      if (id != null ? id.equals(frameId.asText()) : !frameId.asText().startsWith("fz-ping-")) {
        return frame;
      }
    }
    throw new AssertionError("no answer among the next 10 frames");
  }

  private void judgeCode(String type, String what, String code, String text, JsonNode answer) {
    if (code == null) {
      fail(type, what, "no-code", "an error without a code", text, answer);
    } else if (FAULTS.contains(code)) {
      fail(type, what, "fault", "answered " + code, text, answer);
    } else if (documented != null && !documented.contains(code)) {
      fail(type, what, "undocumented", "answered the undocumented code " + code, text, answer);
    }
  }

  private void usable(Sessions client, String type, String what, String text) {
    String id = "fz-ping-" + UUID.randomUUID();
    try {
      JsonNode pong = client.get().request("ping", id, Map.of());
      if (!"ping.result".equals(pong.path("type").asText())) {
        fail(type, what, "unusable", "the next ping answered " + pong, text, pong);
      }
    } catch (AssertionError | RuntimeException e) {
      fail(
          type,
          what,
          "unusable",
          "the session no longer answers a ping: " + e.getMessage(),
          text,
          null);
      client.reopen();
    }
  }

  private void fail(
      String type, String what, String kind, String rule, String frame, JsonNode answer) {
    String where = what.replaceAll(" = .*", "");
    String key = type + " | " + where + " | " + kind;
    OpenApiFuzz.Failure existing = failures.get(key);
    if (existing != null) {
      existing.count()[0]++;
      return;
    }
    String example =
        Hostile.describe(frame.length() > 400 ? frame.substring(0, 400) : frame)
            + (answer == null
                ? ""
                : "\n     → "
                    + Hostile.describe(
                        answer.toString().length() > 300
                            ? answer.toString().substring(0, 300)
                            : answer.toString()));
    failures.put(key, new OpenApiFuzz.Failure(key, what + ": " + rule, example, new int[] {1}));
  }

  private static void collect(ObjectNode node, String pointer, List<String[]> out) {
    node.fields()
        .forEachRemaining(
            f -> {
              String child = pointer + "/" + f.getKey();
              out.add(new String[] {child, f.getKey()});
              if (f.getValue().isObject()) {
                collect((ObjectNode) f.getValue(), child, out);
              }
            });
  }

  private static void set(ObjectNode root, String pointer, Value value) {
    int slash = pointer.lastIndexOf('/');
    ObjectNode parent = (ObjectNode) root.at(pointer.substring(0, slash));
    String name = pointer.substring(slash + 1);
    if (value.missing()) {
      parent.remove(name);
    } else {
      parent.set(name, value.json());
    }
  }

  private static String write(JsonNode node) {
    try {
      return WRITE.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean clean() {
    return failures.isEmpty();
  }

  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append("terminal session: ")
        .append(failures.size())
        .append(" distinct failures in ")
        .append(frames)
        .append(" frames (seed ")
        .append(seed)
        .append("; rerun with -Dtasvie.fuzz.seed=")
        .append(seed)
        .append(")\n");
    int i = 1;
    for (OpenApiFuzz.Failure f : failures.values()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%3d. %s%n     %s (x%d)%n     e.g. %s%n",
              i++,
              f.key(),
              f.rule(),
              f.count()[0],
              f.example()));
    }
    return out.toString();
  }
}
