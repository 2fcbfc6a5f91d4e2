package io.tasvie.common.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tasvie.common.problem.Problem;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers a request line with a broken percent-escape ({@code %}, {@code %0}, {@code %zz}) with 400
 * problem details before anything decodes it; the web server's own answer is a bare 400.
 */
@ApplicationScoped
public class UriCheck {

  private final String body;

  public UriCheck(ObjectMapper mapper) throws JsonProcessingException {
    this.body =
        mapper.writeValueAsString(Problem.invalidField("(uri)", "has a malformed percent-escape"));
  }

  void install(@Observes Router router) {
    router
        .route()
        .order(-4)
        .handler(
            context -> {
              if (hasBrokenEscape(context.request().uri())) {
                refuse(context);
              } else {
                context.next();
              }
            });
    // Vert.x fails a path it cannot decode before any route runs, with its own bare 400.
    router.errorHandler(
        400,
        context -> {
          if (!context.response().headWritten() && hasBrokenEscape(context.request().uri())) {
            refuse(context);
          } else if (!context.response().ended()) {
            context.response().setStatusCode(400).end();
          }
        });
  }

  private void refuse(RoutingContext context) {
    context.response().setStatusCode(400).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body);
  }

  /** Whether some {@code %} in {@code uri} is not followed by two hexadecimal digits. */
  static boolean hasBrokenEscape(String uri) {
    for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
      if (i + 2 >= uri.length() || !isHex(uri.charAt(i + 1)) || !isHex(uri.charAt(i + 2))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0 && c < 0x80;
  }
}
