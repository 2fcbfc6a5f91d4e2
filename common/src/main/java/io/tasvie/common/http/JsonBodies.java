package io.tasvie.common.http;

import io.tasvie.common.problem.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request to an endpoint that reads a JSON body must say so: {@code Content-Type:
 * application/json}, with no charset or UTF-8 (RFC 8259 §8.1). Anything else, no Content-Type
 * included, is 415 {@code unsupported-media-type} before the body is read, so a body in another
 * encoding is never taken for UTF-8. Endpoints reading the body as bytes (gateway-svc's signed
 * {@code POST /v1/payments}) are held to the same rule as those that bind a record.
 */
public class JsonBodies {

  private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

  private final Map<Method, Boolean> readsJson = new ConcurrentHashMap<>();

  @ServerRequestFilter
  public Response requireJson(ContainerRequestContext request, ResourceInfo resource) {
    Method method = resource.getResourceMethod();
    if (method == null
        || !WITH_BODY.contains(request.getMethod())
        || !readsJson.computeIfAbsent(method, m -> consumesJson(m, resource.getResourceClass()))) {
      return null;
    }
    if (isUtf8Json(request.getHeaderString(HttpHeaders.CONTENT_TYPE))) {
      return null;
    }
    return Problem.of(
            415,
            "unsupported-media-type",
            "Unsupported Media Type",
            "The body must be JSON sent with Content-Type: application/json (UTF-8)")
        .at("/" + request.getUriInfo().getPath().replaceFirst("^/", ""))
        .toResponse();
  }

  static boolean isUtf8Json(String contentType) {
    if (contentType == null) {
      return false;
    }
    MediaType type;
    try {
      type = MediaType.valueOf(contentType);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
    return "application".equalsIgnoreCase(type.getType())
        && "json".equalsIgnoreCase(type.getSubtype())
        && (charset == null || "utf-8".equalsIgnoreCase(charset));
  }

  /** Declared to consume JSON, or declaring nothing and taking a body (JSON by default). */
  private static boolean consumesJson(Method method, Class<?> resourceClass) {
    Consumes consumes = method.getAnnotation(Consumes.class);
    if (consumes == null && resourceClass != null) {
      consumes = resourceClass.getAnnotation(Consumes.class);
    }
    if (consumes != null) {
      return Arrays.stream(consumes.value())
          .flatMap(value -> Arrays.stream(value.split(",")))
          .map(String::strip)
          .anyMatch(value -> value.toLowerCase().startsWith(MediaType.APPLICATION_JSON));
    }
    return Arrays.stream(method.getParameters()).anyMatch(JsonBodies::isBody);
  }

  /**
   * A parameter bound from the body: not a path, query, header, form or cookie value, nor context.
   */
  private static boolean isBody(Parameter parameter) {
    for (Annotation annotation : parameter.getAnnotations()) {
      String name = annotation.annotationType().getName();
      if (name.startsWith("jakarta.ws.rs.") || name.startsWith("org.jboss.resteasy.reactive.")) {
        return false;
      }
    }
    String type = parameter.getType().getName();
    return !(type.startsWith("jakarta.ws.rs.")
        || type.startsWith("io.vertx.")
        || type.startsWith("org.jboss.resteasy.")
        || type.startsWith("io.quarkus."));
  }
}
