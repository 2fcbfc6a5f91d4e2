package io.tasvie.gateway.savedcard.rest;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.MerchantClaim;
import io.tasvie.common.security.Roles;
import io.tasvie.gateway.savedcard.SavedCard;
import io.tasvie.gateway.savedcard.SavedCards;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** The cards a merchant's customer saved: listed masked, deleted by the merchant (or an admin). */
@Path("/v1/merchants/{merchantId}/customers/{customerId}/cards")
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT})
public class SavedCardResource {

  public record SavedCardResponse(
      UUID cardId,
      String maskedNumber,
      String brand,
      String expiry,
      String keyId,
      Instant createdAt,
      Instant lastUsedAt) {}

  private final SavedCards cards;
  private final JsonWebToken jwt;

  public SavedCardResource(SavedCards cards, JsonWebToken jwt) {
    this.cards = cards;
    this.jwt = jwt;
  }

  @GET
  public Uni<List<SavedCardResponse>> list(@RestPath UUID merchantId, @RestPath String customerId) {
    MerchantClaim.requireOwn(jwt, merchantId);
    return cards
        .list(merchantId, customerId)
        .map(list -> list.stream().map(SavedCardResource::toResponse).toList());
  }

  @DELETE
  @Path("{cardId}")
  public Uni<RestResponse<Void>> delete(
      @RestPath UUID merchantId, @RestPath String customerId, @RestPath UUID cardId) {
    MerchantClaim.requireOwn(jwt, merchantId);
    return cards
        .delete(merchantId, customerId, cardId)
        .map(
            deleted -> {
              if (!deleted) {
                throw ProblemException.notFound("card", cardId);
              }
              return RestResponse.noContent();
            });
  }

  private static SavedCardResponse toResponse(SavedCard card) {
    return new SavedCardResponse(
        card.getId(),
        card.getMaskedCard(),
        card.getBrand(),
        card.getExpiry().toString(),
        card.getKeyId(),
        card.getCreatedAt(),
        card.getLastUsedAt());
  }
}
