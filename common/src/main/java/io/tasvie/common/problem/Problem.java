package io.tasvie.common.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem details body. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    @JsonIgnore Map<String, Object> extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);
  public static final String TYPE_PREFIX = "urn:tasvie:problem:";

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(TYPE_PREFIX + slug, title, status, detail, null, Map.of());
  }

  /** 400 {@code invalid-request} with one violation, as bean validation answers. */
  public static Problem invalidField(String field, String message) {
    return of(400, "invalid-request", "Invalid request", "The request has invalid fields")
        .with("violations", List.of(Map.of("field", field, "message", message)));
  }

  public static Problem of(ProblemException e) {
    return new Problem(
        TYPE_PREFIX + e.type(), e.title(), e.status(), e.getMessage(), null, e.extensions());
  }

  public Problem with(String key, Object value) {
    var more = new LinkedHashMap<>(extensions);
    more.put(key, value);
    return new Problem(type, title, status, detail, instance, more);
  }

  public Problem at(String instance) {
    return new Problem(type, title, status, detail, instance, extensions);
  }

  @JsonAnyGetter
  public Map<String, Object> any() {
    return extensions;
  }

  public Response toResponse() {
    return Response.status(status).type(PROBLEM_JSON).entity(this).build();
  }
}
