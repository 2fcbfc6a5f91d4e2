package io.tasvie.common.http;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Which query or path parameter of the matched resource method could not be converted to its type.
 * Quarkus REST answers such a request with a bare 404 (as JAX-RS says for path and query
 * parameters); Tasvie answers 400 naming the parameter, so {@code not-found} keeps meaning "no such
 * path or object".
 */
public final class MalformedParameter {

  private MalformedParameter() {}

  /** The name and kind ("query parameter", "path parameter") of the first malformed parameter. */
  public static Optional<String> find(ResourceInfo resource, UriInfo uri) {
    Method method = resource == null ? null : resource.getResourceMethod();
    if (method == null || uri == null) {
      return Optional.empty();
    }
    MultivaluedMap<String, String> query = uri.getQueryParameters(true);
    MultivaluedMap<String, String> path = uri.getPathParameters(true);
    for (Parameter parameter : method.getParameters()) {
      String queryName = queryName(parameter);
      String pathName = pathName(parameter);
      if (queryName != null && !converts(parameter.getType(), query.get(queryName))) {
        return Optional.of("query parameter " + queryName);
      }
      if (pathName != null && !converts(parameter.getType(), path.get(pathName))) {
        return Optional.of("path parameter " + pathName);
      }
    }
    return Optional.empty();
  }

  private static String queryName(Parameter parameter) {
    RestQuery rest = parameter.getAnnotation(RestQuery.class);
    if (rest != null) {
      return rest.value().isEmpty() ? parameter.getName() : rest.value();
    }
    QueryParam jaxrs = parameter.getAnnotation(QueryParam.class);
    return jaxrs == null ? null : jaxrs.value();
  }

  private static String pathName(Parameter parameter) {
    RestPath rest = parameter.getAnnotation(RestPath.class);
    if (rest != null) {
      return rest.value().isEmpty() ? parameter.getName() : rest.value();
    }
    PathParam jaxrs = parameter.getAnnotation(PathParam.class);
    return jaxrs == null ? null : jaxrs.value();
  }

  private static boolean converts(Class<?> type, List<String> values) {
    if (values == null || values.isEmpty()) {
      return true;
    }
    Function<String, ?> parse = parser(type);
    if (parse == null) {
      return true; // strings, and types this check does not know: not the culprit it can name
    }
    try {
      values.forEach(parse::apply);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Function<String, ?> parser(Class<?> type) {
    if (type == UUID.class) {
      return UUID::fromString;
    } else if (type == Integer.class || type == int.class) {
      return Integer::valueOf;
    } else if (type == Long.class || type == long.class) {
      return Long::valueOf;
    } else if (type == Instant.class) {
      return Instant::parse;
    } else if (type == LocalDate.class) {
      return LocalDate::parse;
    } else if (type == OffsetDateTime.class) {
      return OffsetDateTime::parse;
    } else if (type == Boolean.class || type == boolean.class) {
      return value -> {
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
          throw new IllegalArgumentException(value);
        }
        return Boolean.valueOf(value);
      };
    } else if (type.isEnum()) {
      return value -> Enum.valueOf((Class) type, value);
    }
    return null;
  }
}
