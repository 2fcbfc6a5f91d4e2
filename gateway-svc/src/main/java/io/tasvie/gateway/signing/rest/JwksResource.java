package io.tasvie.gateway.signing.rest;

import io.tasvie.common.problem.ProblemException;
import io.tasvie.gateway.signing.PlatformKeys;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestPath;

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

  /** One key as PEM, e.g. {@code /.well-known/tasvie-keys/1.pem}, for {@code openssl dgst}. */
  @GET
  @Path("{kid}.pem")
  @Produces("application/x-pem-file")
  public Response pem(@RestPath String kid) {
    String pem = keys.pem(kid);
    if (pem == null) {
      throw ProblemException.notFound("key", kid);
    }
    return Response.ok(pem).header("Cache-Control", "public, max-age=300").build();
  }
}
