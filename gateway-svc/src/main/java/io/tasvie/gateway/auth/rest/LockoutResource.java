package io.tasvie.gateway.auth.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.check.Text;
import io.tasvie.common.contract.MerchantSettingsChangedEvent.Change;
import io.tasvie.common.security.Roles;
import io.tasvie.gateway.auth.lockout.CredentialGuard;
import io.tasvie.gateway.auth.lockout.LockoutRepository;
import io.tasvie.gateway.merchant.repository.MerchantRepository;
import io.tasvie.gateway.settings.repository.SettingsRepository;
import io.tasvie.gateway.settings.service.SettingsService;
import io.tasvie.gateway.settings.service.SettingsService.Actor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;

/**
 * An admin looks at a client's failed-secret counter ({@code GET}) and lifts its lock ({@code
 * DELETE}), e.g. after confirming the merchant's identity. A merchant's unlock is recorded in its
 * settings audit trail; every unlock is logged.
 */
@Path("/v1/auth/lockouts/{clientId}")
@RolesAllowed(Roles.ADMIN)
public class LockoutResource {

  private static final Logger LOG = Logger.getLogger(LockoutResource.class);

  /** A client's counter: wrong secrets in a row, and till when it is locked (null: it is not). */
  public record LockoutResponse(
      String clientId, int failures, boolean locked, Instant lockedUntil) {}

  private final CredentialGuard guard;
  private final LockoutRepository counters;
  private final MerchantRepository merchants;
  private final SettingsRepository settings;
  private final SettingsService settingsService;
  private final JsonWebToken jwt;

  public LockoutResource(
      CredentialGuard guard,
      LockoutRepository counters,
      MerchantRepository merchants,
      SettingsRepository settings,
      SettingsService settingsService,
      JsonWebToken jwt) {
    this.guard = guard;
    this.counters = counters;
    this.merchants = merchants;
    this.settings = settings;
    this.settingsService = settingsService;
    this.jwt = jwt;
  }

  @GET
  public Uni<LockoutResponse> get(@RestPath String clientId) {
    return guard
        .status(clientId)
        .map(
            counter ->
                new LockoutResponse(
                    clientId,
                    counter.failures(),
                    counter.lockedUntil() != null,
                    counter.lockedUntil()));
  }

  /** 204 whether or not there was a lock: afterwards there is none. */
  @DELETE
  public Uni<Void> unlock(@RestPath String clientId) {
    Actor actor = Actor.of(jwt);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return Panache.withTransaction(
        () ->
            counters
                .deleteCredential(clientId)
                .call(
                    had -> {
                      if (!had) {
                        return Uni.createFrom().voidItem();
                      }
                      LOG.infof(
                          "audit: %s unlocked the credential of client %s",
                          Text.forLog(actor.name()), Text.forLog(clientId));
                      return merchants
                          .findByMerchantNumber(clientId)
                          .chain(
                              merchant ->
                                  merchant == null
                                      ? Uni.createFrom().voidItem()
                                      : settings
                                          .findById(merchant.getId())
                                          .chain(
                                              current ->
                                                  settingsService.audit(
                                                      current,
                                                      actor,
                                                      List.of(
                                                          new Change(
                                                              "credentialLock", "locked", null)),
                                                      now)));
                    })
                .replaceWithVoid());
  }
}
