package io.tasvie.terminal.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.tasvie.common.problem.ProblemException;
import java.util.Map;
import java.util.UUID;

/** Typed reads of a request frame's fields, each failure a clear INVALID_FIELD naming the field. */
final class Fields {

  /** The largest amount ISO 8583 carries (12 digits); no card sale or refund is larger. */
  static final long MAX_AMOUNT = 999_999_999_999L;

  private Fields() {}

  static String text(JsonNode frame, String field, boolean required) {
    JsonNode value = frame.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw invalid(field, "is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw invalid(field, "must be a string");
    }
    return value.asText();
  }

  static long amount(JsonNode frame, String field) {
    JsonNode value = frame.get(field);
    if (value == null || value.isNull()) {
      throw invalid(field, "is required");
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw invalid(field, "must be a whole number of minor units");
    }
    if (value.asLong() <= 0) {
      throw ProblemException.badRequest(
          "invalid-amount", field + " must be positive (minor units)");
    }
    if (value.asLong() > MAX_AMOUNT) {
      throw ProblemException.badRequest(
          "invalid-amount", field + " is at most " + MAX_AMOUNT + " minor units");
    }
    return value.asLong();
  }

  /** A whole number that may be absent (null) or zero. */
  static Long optionalLong(JsonNode frame, String field) {
    JsonNode value = frame.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw invalid(field, "must be a whole number of minor units");
    }
    return value.asLong();
  }

  static UUID uuid(JsonNode frame, String field, boolean required) {
    String text = text(frame, field, required);
    if (text == null) {
      return null;
    }
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw invalid(field, "must be a UUID");
    }
  }

  static JsonNode object(JsonNode frame, String field) {
    JsonNode value = frame.get(field);
    if (value == null || !value.isObject()) {
      throw invalid(field, "is required and must be an object");
    }
    return value;
  }

  static ProblemException invalid(String field, String problem) {
    return new ProblemException(
        400, "invalid-field", "Bad request", field + " " + problem, Map.of("field", field));
  }
}
