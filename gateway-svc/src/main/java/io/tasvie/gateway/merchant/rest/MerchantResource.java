package io.tasvie.gateway.merchant.rest;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.Roles;
import io.tasvie.gateway.merchant.mapping.MerchantMapper;
import io.tasvie.gateway.merchant.service.MerchantService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/v1/merchants")
@RolesAllowed(Roles.ADMIN)
public class MerchantResource {

  private final MerchantService service;

  public MerchantResource(MerchantService service) {
    this.service = service;
  }

  @POST
  public Uni<RestResponse<RegisteredMerchantResponse>> register(
      @Valid @NotNull RegisterMerchantRequest request, UriInfo uri) {
    return service
        .register(request)
        .map(
            registration ->
                RestResponse.ResponseBuilder.<RegisteredMerchantResponse>created(
                        uri.getAbsolutePathBuilder()
                            .path(registration.merchant().getId().toString())
                            .build())
                    .entity(
                        new RegisteredMerchantResponse(
                            MerchantMapper.toResponse(registration.merchant()),
                            registration.secret()))
                    .build());
  }

  @GET
  @Path("{merchantId}")
  public Uni<MerchantResponse> get(@RestPath UUID merchantId) {
    return service
        .find(merchantId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("merchant", merchantId))
        .map(MerchantMapper::toResponse);
  }
}
