package io.tasvie.common.merchant;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;

/** {@code GET /v1/merchants/{merchantId}}: this service's projection of a merchant (admin). */
@Path("/v1/merchants")
@RolesAllowed(Roles.ADMIN)
@IfBuildProperty(name = MerchantProjectionConsumer.ENABLED, stringValue = "true")
public class MerchantProjectionResource {

  public record MerchantProjectionResponse(
      UUID merchantId,
      String merchantNumber,
      String name,
      String country,
      String currency,
      List<String> callbackDomains,
      Instant registeredAt) {}

  @GET
  @Path("{merchantId}")
  @WithSession
  public Uni<MerchantProjectionResponse> get(@RestPath UUID merchantId) {
    return Panache.getSession()
        .chain(session -> session.find(MerchantProjection.class, merchantId))
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("merchant", merchantId))
        .map(
            m ->
                new MerchantProjectionResponse(
                    m.getMerchantId(),
                    m.getMerchantNumber(),
                    m.getName(),
                    m.getCountry(),
                    m.getCurrency(),
                    m.getCallbackDomains(),
                    m.getRegisteredAt()));
  }
}
