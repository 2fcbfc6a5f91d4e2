package io.tasvie.terminal.message;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tasvie.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON text frames of the session protocol: an answer is {@code {"type": "<request
 * type>.result", "id": <the request's id>, ...}}, an error {@code {"type": "error", "id", "code",
 * "message", ...}}, a server-initiated message {@code {"type": ..., ...}} without id.
 */
@ApplicationScoped
public class Frames {

  private final ObjectMapper mapper;

  public Frames(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public String answer(String requestType, String id, Object payload) {
    ObjectNode frame = mapper.createObjectNode();
    frame.put("type", requestType + ".result");
    frame.put("id", id);
    if (payload != null) {
      frame.setAll((ObjectNode) mapper.valueToTree(payload));
    }
    return frame.toString();
  }

  public String push(String type, Object payload) {
    ObjectNode frame = mapper.createObjectNode();
    frame.put("type", type);
    frame.setAll((ObjectNode) mapper.valueToTree(payload));
    return frame.toString();
  }

  /** A problem as an error frame: its type as an upper-case code, its extensions beside. */
  public String error(String id, ProblemException problem) {
    return error(id, code(problem.type()), problem.getMessage(), problem.extensions());
  }

  public String error(String id, String code, String message, Map<String, Object> details) {
    ObjectNode frame = mapper.createObjectNode();
    frame.put("type", "error");
    if (id != null) {
      frame.put("id", id);
    } else {
      frame.putNull("id");
    }
    frame.put("code", code);
    frame.put("message", message);
    details.forEach((key, value) -> frame.set(key, mapper.valueToTree(value)));
    return frame.toString();
  }

  /** {@code refund-exceeds-remainder} → {@code REFUND_EXCEEDS_REMAINDER}. */
  public static String code(String problemType) {
    return problemType.replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
