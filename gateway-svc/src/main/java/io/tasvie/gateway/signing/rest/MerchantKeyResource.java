package io.tasvie.gateway.signing.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.MerchantClaim;
import io.tasvie.common.security.Roles;
import io.tasvie.gateway.merchant.repository.MerchantRepository;
import io.tasvie.gateway.settings.service.SettingsService.Actor;
import io.tasvie.gateway.signing.MerchantKey;
import io.tasvie.gateway.signing.MerchantKeys;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** A merchant's public keys for signed requests: uploaded, listed and revoked by it or an admin. */
@Path("/v1/merchants/{merchantId}/keys")
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT})
public class MerchantKeyResource {

  public record KeyRequest(
      @NotNull @Min(1) @Max(9999) Integer keyIndex,
      @NotBlank @Size(max = 10_000) String publicKey) {}

  public record KeyResponse(
      int keyIndex,
      String algorithm,
      int bits,
      String fingerprint,
      String status,
      String publicKey,
      Instant createdAt,
      Instant revokedAt) {}

  private final MerchantKeys keys;
  private final MerchantRepository merchants;
  private final JsonWebToken jwt;

  public MerchantKeyResource(MerchantKeys keys, MerchantRepository merchants, JsonWebToken jwt) {
    this.keys = keys;
    this.merchants = merchants;
    this.jwt = jwt;
  }

  @POST
  public Uni<RestResponse<KeyResponse>> add(
      @RestPath UUID merchantId, @Valid @NotNull KeyRequest request) {
    return merchant(merchantId)
        .chain(() -> keys.add(merchantId, request.keyIndex(), request.publicKey(), actor()))
        .map(key -> RestResponse.status(RestResponse.Status.CREATED, toResponse(key)));
  }

  @GET
  public Uni<List<KeyResponse>> list(@RestPath UUID merchantId) {
    return merchant(merchantId)
        .chain(() -> keys.list(merchantId))
        .map(list -> list.stream().map(MerchantKeyResource::toResponse).toList());
  }

  /** Revokes the key at once: requests signed with it are refused from now on. */
  @DELETE
  @Path("{keyIndex}")
  public Uni<KeyResponse> revoke(@RestPath UUID merchantId, @RestPath int keyIndex) {
    return merchant(merchantId)
        .chain(() -> keys.revoke(merchantId, keyIndex, actor()))
        .map(MerchantKeyResource::toResponse);
  }

  private Actor actor() {
    return Actor.of(jwt);
  }

  /** The merchant, if the token may act for it; another merchant's is as good as absent. */
  @WithSession
  Uni<Void> merchant(UUID merchantId) {
    MerchantClaim.requireOwn(jwt, merchantId);
    return merchants
        .findById(merchantId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("merchant", merchantId))
        .replaceWithVoid();
  }

  private static KeyResponse toResponse(MerchantKey key) {
    return new KeyResponse(
        key.getKeyIndex(),
        key.getAlgorithm(),
        key.getBits(),
        key.getFingerprint(),
        key.getStatus(),
        key.getPublicKey(),
        key.getCreatedAt(),
        key.getRevokedAt());
  }
}
