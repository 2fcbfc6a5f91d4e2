package io.tasvie.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.tasvie.common.http.MalformedParameter;
import io.tasvie.common.json.CleanStrings;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where every service turns exceptions into RFC 9457 problem details. */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    return Problem.of(e).at(path(uri)).toResponse();
  }

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e, UriInfo uri) {
    List<Map<String, String>> violations =
        e.getConstraintViolations().stream()
            .map(
                v ->
                    Map.of(
                        "field", field(v.getPropertyPath().toString()), "message", v.getMessage()))
            .toList();
    return Problem.of(400, "invalid-request", "Invalid request", "The request has invalid fields")
        .with("violations", violations)
        .at(path(uri))
        .toResponse();
  }

  @ServerExceptionMapper({
    JsonProcessingException.class,
    JsonParseException.class,
    MismatchedInputException.class,
    InvalidFormatException.class
  })
  public Response unreadable(Exception e, UriInfo uri) {
    if (e instanceof CleanStrings.RefusedText refused) {
      return Problem.invalidField(refused.field(), refused.getOriginalMessage())
          .at(path(uri))
          .toResponse();
    }
    return Problem.of(
            400,
            "malformed-request",
            "Malformed request",
            "The request body is not valid JSON of the expected shape")
        .at(path(uri))
        .toResponse();
  }

  @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
  public Response unauthenticated(RuntimeException e, UriInfo uri) {
    return Response.fromResponse(
            Problem.of(
                    401,
                    "unauthenticated",
                    "Unauthenticated",
                    "A valid bearer token from POST /v1/auth/token is required")
                .at(path(uri))
                .toResponse())
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri) {
    return Problem.of(403, "forbidden", "Forbidden", "This token's role may not do this")
        .at(path(uri))
        .toResponse();
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e, UriInfo uri, ResourceInfo resource) {
    int status = e.getResponse().getStatus();
    if ((status == 404 || status == 400)
        && e.getCause() != null
        && !(e.getCause() instanceof JsonProcessingException)) {
      // Quarkus REST could not convert a parameter (a bare 404 for query and path parameters).
      String parameter = MalformedParameter.find(resource, uri).orElse("a query or path parameter");
      return Problem.invalidField(parameter, "is malformed for its type")
          .at(path(uri))
          .toResponse();
    }
    Response.Status.Family family = Response.Status.Family.familyOf(status);
    if (family != Response.Status.Family.CLIENT_ERROR) {
      return unexpected(e, uri);
    }
    if (e.getCause() instanceof JsonProcessingException json) {
      return unreadable(json, uri); // the JSON reader's own 400 for a body it cannot parse
    }
    String reason = e.getResponse().getStatusInfo().getReasonPhrase();
    String slug = reason.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    return Problem.of(status, slug, reason, e.getMessage()).at(path(uri)).toResponse();
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri) {
    if (Unavailability.isDatabaseUnavailable(e)) {
      LOG.warnf("database unavailable: %s", e.toString());
      return Response.fromResponse(
              Problem.of(
                      503,
                      "service-unavailable",
                      "Service unavailable",
                      "A backing service is unavailable; retry later")
                  .at(path(uri))
                  .toResponse())
          .header(HttpHeaders.RETRY_AFTER, "5")
          .build();
    }
    if (e instanceof IllegalArgumentException
        && String.valueOf(e.getMessage()).startsWith("Failed to decode")) {
      // a form body or query with a broken percent-escape, found when it is decoded
      return Problem.of(
              400,
              "malformed-request",
              "Malformed request",
              "The form or query is not correctly percent-encoded")
          .at(path(uri))
          .toResponse();
    }
    LOG.error("unexpected failure", e);
    return Problem.of(500, "internal-error", "Internal error", "An unexpected error occurred")
        .at(path(uri))
        .toResponse();
  }

  private static String path(UriInfo uri) {
    return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
  }

  private static String field(String propertyPath) {
    // "register.request.name" -> "name": callers know fields, not Java method names.
    int dot = propertyPath.lastIndexOf('.');
    return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
  }
}
