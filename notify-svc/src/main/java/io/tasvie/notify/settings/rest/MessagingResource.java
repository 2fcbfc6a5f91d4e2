package io.tasvie.notify.settings.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.country.Countries;
import io.tasvie.common.merchant.MerchantProjection;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.MerchantClaim;
import io.tasvie.common.security.Roles;
import io.tasvie.notify.message.service.MessageService;
import io.tasvie.notify.settings.MerchantMessaging;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;

/** A merchant's messaging settings: read and set by an admin or the merchant itself. */
@Path("/v1/merchants/{merchantId}/messaging")
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT})
public class MessagingResource {

  private final JsonWebToken jwt;

  public MessagingResource(JsonWebToken jwt) {
    this.jwt = jwt;
  }

  /**
   * {@code language}: ISO 639-1 of a receipt template, or null for the country's. {@code
   * smsSender}: the source address customers see, up to 11 letters/digits (alphanumeric) or up to
   * 15 digits. {@code servedCountries}: ISO 3166-1 codes whose mobile numbers are accepted besides
   * its own.
   */
  public record MessagingRequest(
      @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code such as sq")
          String language,
      @Pattern(
              regexp = "[A-Za-z0-9][A-Za-z0-9 .\\-]{0,10}|\\d{1,15}",
              message = "must be up to 11 letters or digits, or up to 15 digits")
          String smsSender,
      @Size(max = 50) List<@NotNull String> servedCountries) {}

  public record MessagingResponse(
      UUID merchantId,
      String language,
      String smsSender,
      List<String> servedCountries,
      Instant updatedAt) {}

  @GET
  @WithSession
  public Uni<MessagingResponse> get(@RestPath UUID merchantId) {
    return merchant(merchantId)
        .chain(m -> Panache.getSession().chain(s -> s.find(MerchantMessaging.class, merchantId)))
        .map(
            settings ->
                settings == null
                    ? new MessagingResponse(merchantId, null, null, List.of(), null)
                    : toResponse(settings));
  }

  @PUT
  @WithTransaction
  public Uni<MessagingResponse> set(
      @RestPath UUID merchantId, @Valid @NotNull MessagingRequest request) {
    MessageService.requireLanguage(request.language());
    List<String> served = request.servedCountries() == null ? List.of() : request.servedCountries();
    for (String country : served) {
      if (!Countries.isKnown(country)) {
        throw ProblemException.badRequest(
            "invalid-country", country + " is not an ISO 3166-1 alpha-2 country code");
      }
    }
    MerchantMessaging settings =
        new MerchantMessaging(
            merchantId,
            request.language(),
            request.smsSender() == null ? null : request.smsSender().strip(),
            served.stream().distinct().toList());
    return merchant(merchantId)
        .chain(m -> Panache.getSession().chain(s -> s.merge(settings)))
        .map(MessagingResource::toResponse);
  }

  private Uni<MerchantProjection> merchant(UUID merchantId) {
    MerchantClaim.requireOwn(jwt, merchantId);
    return Panache.getSession()
        .chain(s -> s.find(MerchantProjection.class, merchantId))
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("merchant", merchantId));
  }

  private static MessagingResponse toResponse(MerchantMessaging s) {
    return new MessagingResponse(
        s.getMerchantId(),
        s.getLanguage(),
        s.getSmsSender(),
        s.getServedCountries(),
        s.getUpdatedAt());
  }
}
