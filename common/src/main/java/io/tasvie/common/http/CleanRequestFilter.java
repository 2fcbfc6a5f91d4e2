package io.tasvie.common.http;

import io.tasvie.common.check.Text;
import io.tasvie.common.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@link Text}'s rule on the parts of a request that JSON bodies do not cover: query and path
 * parameters and headers. A refused request is answered 400 {@code invalid-request} naming the
 * parameter before any resource method runs, so it changes nothing. (JSON bodies: {@link
 * io.tasvie.common.json.CleanStrings}; forms are read by their resources, which answer in their own
 * medium — a page, a SOAP fault.)
 */
public class CleanRequestFilter {

  @ServerRequestFilter
  public Response refuseDirtyText(ContainerRequestContext request) {
    MultivaluedMap<String, String> query;
    MultivaluedMap<String, String> path;
    try {
      query = request.getUriInfo().getQueryParameters(true);
      path = request.getUriInfo().getPathParameters(true);
    } catch (IllegalArgumentException e) { // a broken percent-escape
      return Problem.invalidField("(query)", "is not correctly percent-encoded")
          .at(request.getUriInfo().getPath())
          .toResponse();
    }
    String refused = firstRefused(query, "query parameter ");
    if (refused == null) {
      refused = firstRefused(path, "path parameter ");
    }
    if (refused == null) {
      refused = firstRefused(request.getHeaders(), "header ");
    }
    if (refused == null) {
      return null;
    }
    return Problem.invalidField(refused, "must not contain control characters or lone surrogates")
        .at(request.getUriInfo().getPath())
        .toResponse();
  }

  private static String firstRefused(MultivaluedMap<String, String> parts, String kind) {
    for (Map.Entry<String, List<String>> part : parts.entrySet()) {
      boolean dirty = !Text.isClean(part.getKey());
      for (String value : part.getValue()) {
        dirty |= !Text.isClean(value);
      }
      if (dirty) {
        return kind + Text.forLog(part.getKey());
      }
    }
    return null;
  }
}
