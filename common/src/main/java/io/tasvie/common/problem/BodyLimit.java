package io.tasvie.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a declared body over {@code quarkus.http.limits.max-body-size} with 413 problem details
 * before anything reads it. (Quarkus's own check, just after this one, still ends an undeclared,
 * chunked body that grows too large, with a bare 413.)
 */
@ApplicationScoped
public class BodyLimit {

  private final long maxBytes;
  private final String body;
  private final String page;

  public BodyLimit(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
      ObjectMapper mapper)
      throws JsonProcessingException {
    this.maxBytes = maxBodySize.asLongValue();
    this.body =
        mapper.writeValueAsString(
            Problem.of(
                413,
                "payload-too-large",
                "Payload too large",
                "The request body is larger than " + maxBytes + " bytes"));
    this.page =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Request too large</title>"
            + "</head><body><h1>Request too large</h1><p>The form sent more than "
            + maxBytes / 1024
            + " KiB; nothing was done.</p></body></html>";
  }

  void install(@Observes Router router) {
    router
        .route()
        .order(-3)
        .handler(
            context -> {
              String length = context.request().getHeader("Content-Length");
              if (length != null && isOver(length)) {
                // A browser posting a form gets a page it can show, API clients problem details.
                String accept = context.request().getHeader("Accept");
                boolean browser = accept != null && accept.contains("text/html");
                context
                    .response()
                    .setStatusCode(413)
                    .putHeader(
                        "Content-Type", browser ? "text/html;charset=UTF-8" : Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .end(browser ? page : body);
              } else {
                context.next();
              }
            });
  }

  private boolean isOver(String length) {
    try {
      return Long.parseLong(length.trim()) > maxBytes;
    } catch (NumberFormatException e) {
      return false; // Vert.x rejects a malformed Content-Length itself
    }
  }
}
