package io.tasvie.terminal.session;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tasvie.common.check.Text;
import io.tasvie.terminal.terminal.config.TerminalConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The session's edge: a text frame becomes a request ({@code type}, {@code id}, the JSON object)
 * only when all of it is readable, so that nothing behind it ever sees a frame it cannot store, log
 * or answer. Every string in the frame, value or field name, at any depth and the id included,
 * follows {@link Text}'s rule and is at most {@value #MAX_TEXT} characters; a frame that breaks
 * either is refused {@code INVALID_FIELD} naming the field.
 */
@ApplicationScoped
public class FrameReader {

  static final int MAX_ID_LENGTH = 64;

  /** Longer than any field of the protocol needs (a PAN, a zone, a barcode, a UUID). */
  static final int MAX_TEXT = 256;

  /** How much of a refused field name the answer shows (escaped). */
  private static final int SHOWN_NAME = 64;

  private final ObjectReader reader;
  private final TerminalConfig config;

  public FrameReader(ObjectMapper mapper, TerminalConfig config) {
    // A field sent twice would be read one way here and maybe another way by the client.
    this.reader = mapper.reader().withFeatures(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    this.config = config;
  }

  /** A readable request frame; {@code type} is one of {@code types}. */
  public record Request(String type, String id, JsonNode frame) {}

  /** Why a frame is not read: the error frame's id (null when not known or not clean) and code. */
  public static final class Refused extends RuntimeException {
    private final String id;
    private final String code;
    private final Map<String, Object> details;

    Refused(String id, String code, String message, Map<String, Object> details) {
      super(message, null, false, false);
      this.id = id;
      this.code = code;
      this.details = details;
    }

    public String id() {
      return id;
    }

    public String code() {
      return code;
    }

    public Map<String, Object> details() {
      return details;
    }
  }

  /**
   * @throws Refused {@code FRAME_TOO_LARGE}, {@code INVALID_JSON}, {@code INVALID_FIELD}, {@code
   *     MISSING_ID} or {@code UNKNOWN_TYPE}
   */
  public Request read(String text, List<String> types) {
    if (text.length() > config.maxFrameBytes()
        || text.getBytes(StandardCharsets.UTF_8).length > config.maxFrameBytes()) {
      throw new Refused(
          null,
          "FRAME_TOO_LARGE",
          "Frames are at most " + config.maxFrameBytes() + " bytes",
          Map.of());
    }
    JsonNode frame;
    try {
      frame = reader.readTree(text);
    } catch (JsonProcessingException e) {
      // Not the parser's message: it quotes the frame, which may hold anything.
      var at = e.getLocation();
      throw new Refused(
          null,
          "INVALID_JSON",
          "The frame is not JSON"
              + (at == null ? "" : " (at character " + at.getCharOffset() + ")")
              + (e.getOriginalMessage() != null
                      && e.getOriginalMessage().startsWith("Duplicate field")
                  ? ": a field is sent twice"
                  : ""),
          Map.of());
    }
    if (frame == null || !frame.isObject()) {
      throw new Refused(null, "INVALID_JSON", "A frame is a JSON object", Map.of());
    }
    JsonNode idNode = frame.get("id");
    String cleanId =
        idNode != null
                && idNode.isTextual()
                && !idNode.asText().isBlank()
                && idNode.asText().length() <= MAX_ID_LENGTH
                && Text.isClean(idNode.asText())
            ? idNode.asText()
            : null;
    Finding finding = find(frame, "");
    if (finding != null) {
      throw new Refused(
          cleanId,
          "INVALID_FIELD",
          finding.field() + " " + finding.problem(),
          Map.of("field", finding.field()));
    }
    if (cleanId == null) {
      throw new Refused(
          null,
          "MISSING_ID",
          "Every request carries its own id, a string of 1 to " + MAX_ID_LENGTH + " characters",
          Map.of());
    }
    JsonNode typeNode = frame.get("type");
    String type = typeNode != null && typeNode.isTextual() ? typeNode.asText() : null;
    if (type == null || !types.contains(type)) {
      throw new Refused(
          cleanId,
          "UNKNOWN_TYPE",
          type == null ? "The frame has no type" : "Unknown message type " + type,
          Map.of("supported", types));
    }
    return new Request(type, cleanId, frame);
  }

  private record Finding(String field, String problem) {}

  /** The first string, value or field name, under {@code node} that the edge refuses. */
  private static Finding find(JsonNode node, String path) {
    if (node.isTextual()) {
      String text = node.asText();
      String why = Text.whyRefused(text);
      if (why != null) {
        return new Finding(path, why);
      }
      // The id has its own limit, answered MISSING_ID.
      if (text.length() > MAX_TEXT && !path.equals("id")) {
        return new Finding(path, "is longer than " + MAX_TEXT + " characters");
      }
      return null;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = field.getKey();
        String why = Text.whyRefused(name);
        if (why != null || name.length() > MAX_TEXT) {
          return new Finding(
              child(path, shown(name)),
              "has a name that "
                  + (why != null ? why : "is longer than " + MAX_TEXT + " characters"));
        }
        Finding inside = find(field.getValue(), child(path, name));
        if (inside != null) {
          return inside;
        }
      }
      return null;
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Finding inside = find(node.get(i), path + "[" + i + "]");
        if (inside != null) {
          return inside;
        }
      }
    }
    return null;
  }

  private static String child(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** A refused name as the answer may show it: cut short, and escaped. */
  private static String shown(String name) {
    return Text.forLog(name.length() > SHOWN_NAME ? name.substring(0, SHOWN_NAME) + "…" : name);
  }
}
