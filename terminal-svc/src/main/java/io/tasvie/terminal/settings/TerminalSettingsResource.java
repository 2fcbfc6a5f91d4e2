package io.tasvie.terminal.settings;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.money.Money;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.MerchantClaim;
import io.tasvie.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;

/** A merchant's terminal settings: its contactless CVM limits per currency, in minor units. */
@Path("/v1/merchants/{merchantId}/terminal-settings")
@RolesAllowed({Roles.MERCHANT, Roles.ADMIN})
public class TerminalSettingsResource {

  private final CvmLimits limits;
  private final JsonWebToken jwt;

  public TerminalSettingsResource(CvmLimits limits, JsonWebToken jwt) {
    this.limits = limits;
    this.jwt = jwt;
  }

  /** {@code cvmLimits} maps an ISO 4217 code to the amount above which the PIN is needed. */
  public record TerminalSettings(@NotNull Map<String, Long> cvmLimits) {}

  @GET
  public Uni<TerminalSettings> get(@RestPath UUID merchantId) {
    requireScope(merchantId);
    return Panache.withSession(() -> limits.effective(merchantId)).map(TerminalSettings::new);
  }

  /** Replaces the merchant's own limits; currencies left out fall back to the platform's. */
  @PUT
  public Uni<TerminalSettings> put(@RestPath UUID merchantId, @NotNull TerminalSettings settings) {
    requireScope(merchantId);
    if (settings.cvmLimits() == null) {
      throw ProblemException.badRequest("missing-cvm-limits", "cvmLimits is required");
    }
    settings
        .cvmLimits()
        .forEach(
            (currency, limit) -> {
              try {
                Money.currency(currency);
              } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid-currency", e.getMessage());
              }
              if (limit == null || limit < 0) {
                throw ProblemException.badRequest(
                    "invalid-cvm-limit", "the limit for " + currency + " must be 0 or more");
              }
            });
    return Panache.withTransaction(() -> limits.replace(merchantId, settings.cvmLimits()))
        .chain(() -> Panache.withSession(() -> limits.effective(merchantId)))
        .map(TerminalSettings::new);
  }

  private void requireScope(UUID merchantId) {
    MerchantClaim.requireOwn(jwt, merchantId);
  }
}
