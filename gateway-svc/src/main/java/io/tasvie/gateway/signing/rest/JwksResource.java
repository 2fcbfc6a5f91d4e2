package io.tasvie.gateway.signing.rest;

import io.tasvie.gateway.signing.PlatformKeys;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * The platform's public signing keys as a JWKS: merchants verify return links, notifications and
 * their {@code Tasvie-Signature} headers with the key whose {@code kid} the signature names.
 */
@Path("/.well-known/tasvie-keys")
@PermitAll
public class JwksResource {

  private final PlatformKeys keys;

  public JwksResource(PlatformKeys keys) {
    this.keys = keys;
  }

  @GET
  @Produces("application/jwk-set+json")
  public Response keys() {
    return Response.ok(keys.jwks()).header("Cache-Control", "public, max-age=300").build();
  }
}
