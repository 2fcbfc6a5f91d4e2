package io.tasvie.gateway.settings.rest;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.MerchantClaim;
import io.tasvie.common.security.Roles;
import io.tasvie.gateway.settings.Discount;
import io.tasvie.gateway.settings.MerchantSettings;
import io.tasvie.gateway.settings.SettingsChange;
import io.tasvie.gateway.settings.service.SettingsService;
import io.tasvie.gateway.settings.service.SettingsService.Actor;
import io.tasvie.gateway.settings.service.SettingsService.View;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** A merchant's payment-method settings: read and set by an admin or the merchant itself. */
@Path("/v1/merchants/{merchantId}/settings")
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT})
public class SettingsResource {

  private static final int PAGE_SIZE = 50;

  private final SettingsService service;
  private final JsonWebToken jwt;

  public SettingsResource(SettingsService service, JsonWebToken jwt) {
    this.service = service;
    this.jwt = jwt;
  }

  @GET
  public Uni<SettingsResponse> get(@RestPath UUID merchantId) {
    requireOwn(merchantId);
    return service.get(merchantId).map(SettingsResource::toResponse);
  }

  @PUT
  public Uni<SettingsResponse> put(
      @RestPath UUID merchantId, @Valid @NotNull SettingsRequest request) {
    requireOwn(merchantId);
    return service.update(merchantId, request, Actor.of(jwt)).map(SettingsResource::toResponse);
  }

  /** The audit trail, newest first, {@value #PAGE_SIZE} a page. */
  @GET
  @Path("changes")
  public Uni<List<SettingsChangeResponse>> changes(
      @RestPath UUID merchantId, @RestQuery Integer page) {
    requireOwn(merchantId);
    int index = page == null ? 0 : page;
    if (index < 0) {
      throw ProblemException.badRequest("invalid-page", "page must be 0 or more");
    }
    return service
        .changes(merchantId, index, PAGE_SIZE)
        .map(changes -> changes.stream().map(SettingsResource::toResponse).toList());
  }

  private void requireOwn(UUID merchantId) {
    MerchantClaim.requireOwn(jwt, merchantId);
  }

  private static SettingsResponse toResponse(View view) {
    MerchantSettings s = view.settings();
    return new SettingsResponse(
        s.getMerchantId(),
        s.getStoreId(),
        s.getWalletNumber(),
        s.getEnvironment(),
        s.getMinAmount(),
        s.getMaxAmount(),
        toResponse(s.getDiscount()),
        s.isMaintenance(),
        view.callbackDomains(),
        s.getNotifyUrl(),
        s.isSaveCards(),
        s.isRequireSignedRequests(),
        s.getUpdatedAt(),
        view.sandboxChecks());
  }

  private static SettingsResponse.DiscountResponse toResponse(Discount discount) {
    if (discount == null) {
      return null;
    }
    return discount.type() == Discount.Type.FIXED
        ? new SettingsResponse.DiscountResponse("FIXED", discount.value(), null, null)
        : new SettingsResponse.DiscountResponse(
            "PERCENT", null, BigDecimal.valueOf(discount.value(), 2), discount.cap());
  }

  private static SettingsChangeResponse toResponse(SettingsChange change) {
    return new SettingsChangeResponse(
        change.getId(),
        change.getChangedBy(),
        change.getRole(),
        change.getChangedAt(),
        change.getChanges());
  }
}
