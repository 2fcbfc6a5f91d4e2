package io.tasvie.gateway.auth.lockout;

import io.tasvie.common.problem.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The problem details of a {@link RetryLaterException}, with its {@code Retry-After}. */
public class RetryLaterMapper {

  @ServerExceptionMapper
  public Response retryLater(RetryLaterException e, UriInfo uri) {
    return Response.fromResponse(
            Problem.of(e).at("/" + uri.getPath().replaceFirst("^/", "")).toResponse())
        .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
        .build();
  }
}
