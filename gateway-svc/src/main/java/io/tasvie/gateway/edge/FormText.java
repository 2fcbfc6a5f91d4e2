package io.tasvie.gateway.edge;

import io.tasvie.common.check.Text;
import io.tasvie.common.problem.ProblemException;
import java.util.List;
import java.util.Map;

/**
 * {@link Text}, the rule for client text, applied to the fields of a form (or of a SOAP call): list
 * the fields in the order they are read, and the first one the rule refuses is named. Each kind of
 * endpoint answers the refusal its own way (problem details, a readable page, a SOAP fault) from
 * {@link Refused}.
 */
public final class FormText {

  private Refused refused;

  private FormText() {}

  public static FormText check() {
    return new FormText();
  }

  public FormText field(String name, String value) {
    if (refused == null) {
      String why = Text.whyRefused(value);
      if (why != null) {
        refused = new Refused(name, why);
      }
    }
    return this;
  }

  /** The first refused field, or null when every field is clean. */
  public Refused refused() {
    return refused;
  }

  /** A field the rule refused and why, e.g. {@code contains the control character U+0000 at 1}. */
  public record Refused(String field, String why) {

    public static final String TYPE = "invalid-request";

    /** As problem details: 400 {@code invalid-request} whose {@code violations} name the field. */
    public ProblemException problem(Map<String, Object> more) {
      var extensions = new java.util.LinkedHashMap<String, Object>(more);
      extensions.put("violations", List.of(Map.of("field", field, "message", why)));
      return new ProblemException(
          400, TYPE, "Invalid request", "The field " + field + " " + why, extensions);
    }

    public ProblemException problem() {
      return problem(Map.of());
    }
  }
}
