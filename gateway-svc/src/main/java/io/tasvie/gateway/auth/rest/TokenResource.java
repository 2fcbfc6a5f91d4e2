package io.tasvie.gateway.auth.rest;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.gateway.auth.service.TokenService;
import io.tasvie.gateway.edge.FormText;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * {@code POST /v1/auth/token}: client credentials as a form (RFC 6749), as JSON, or in an HTTP
 * Basic header.
 */
@Path("/v1/auth/token")
@PermitAll
public class TokenResource {

  private final TokenService tokens;

  public TokenResource(TokenService tokens) {
    this.tokens = tokens;
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Uni<TokenResponse> form(
      @RestForm("grant_type") String grantType,
      @RestForm("client_id") String clientId,
      @RestForm("client_secret") String clientSecret,
      @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
      HttpServerRequest http) {
    return issue(grantType, clientId, clientSecret, authorization, http);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<TokenResponse> json(
      TokenRequest request,
      @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
      HttpServerRequest http) {
    if (request == null) {
      throw ProblemException.badRequest("malformed-request", "a JSON body is required");
    }
    return issue(
        request.grantType(), request.clientId(), request.clientSecret(), authorization, http);
  }

  /**
   * Every way of sending credentials ends here, where the text rule is applied to what was sent (a
   * refused character answers 400 {@code invalid-request} naming the field, and is not counted as a
   * wrong secret).
   */
  private Uni<TokenResponse> issue(
      String grantType,
      String clientId,
      String clientSecret,
      String authorization,
      HttpServerRequest http) {
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] basic = decodeBasic(authorization.substring(6).trim());
      clientId = basic[0];
      clientSecret = basic[1];
    }
    FormText.Refused refused =
        FormText.check()
            .field("grant_type", grantType)
            .field("client_id", clientId)
            .field("client_secret", clientSecret)
            .refused();
    if (refused != null) {
      throw refused.problem(Map.of("error", "invalid_request"));
    }
    return tokens.issue(grantType, clientId, clientSecret, http.remoteAddress().hostAddress());
  }

  private static String[] decodeBasic(String encoded) {
    try {
      String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("no colon");
      }
      return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("invalid-request", "malformed Basic authorization header");
    }
  }
}
