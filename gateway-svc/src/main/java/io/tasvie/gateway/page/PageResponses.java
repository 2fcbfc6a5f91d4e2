package io.tasvie.gateway.page;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/** Every page the gateway serves goes out with the same security headers. */
public final class PageResponses {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self';"
          + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private PageResponses() {}

  public static Response html(int status, String body, NewCookie... cookies) {
    return Response.status(status)
        .type("text/html;charset=UTF-8")
        .entity(body)
        .cookie(cookies)
        .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-store")
        .build();
  }

  public static Response seeOther(String location) {
    return Response.status(303)
        .header("Location", location)
        .header("Cache-Control", "no-store")
        .build();
  }
}
