package io.tasvie.terminal.terminal.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.MerchantClaim;
import io.tasvie.common.security.Roles;
import io.tasvie.terminal.credential.CredentialResponse;
import io.tasvie.terminal.credential.TerminalAuthenticator;
import io.tasvie.terminal.credential.TerminalPrincipal;
import io.tasvie.terminal.session.Presence;
import io.tasvie.terminal.terminal.DeviceFacts;
import io.tasvie.terminal.terminal.Terminal;
import io.tasvie.terminal.terminal.TerminalKind;
import io.tasvie.terminal.terminal.TerminalStatus;
import io.tasvie.terminal.terminal.mapping.TerminalMapper;
import io.tasvie.terminal.terminal.repository.TerminalRepository;
import io.tasvie.terminal.terminal.service.ActivationService;
import io.tasvie.terminal.terminal.service.PairingService;
import io.tasvie.terminal.terminal.service.PairingService.PairingResult;
import io.tasvie.terminal.terminal.service.PairingService.StartedPairing;
import io.tasvie.terminal.terminal.service.TerminalService;
import io.tasvie.terminal.terminal.service.TerminalService.NewTerminal;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The terminal registry. Merchants request and see their own terminals (another's is 404); admins
 * decide and revoke; the app activates without a token (the activation code is the proof) and pairs
 * its reader with the terminal credential.
 */
@Path("/v1/terminals")
public class TerminalResource {

  private final TerminalService service;
  private final ActivationService activation;
  private final PairingService pairing;
  private final TerminalRepository terminals;
  private final TerminalAuthenticator authenticator;
  private final Presence presence;
  private final JsonWebToken jwt;

  public TerminalResource(
      TerminalService service,
      ActivationService activation,
      PairingService pairing,
      TerminalRepository terminals,
      TerminalAuthenticator authenticator,
      Presence presence,
      JsonWebToken jwt) {
    this.service = service;
    this.activation = activation;
    this.pairing = pairing;
    this.terminals = terminals;
    this.authenticator = authenticator;
    this.presence = presence;
    this.jwt = jwt;
  }

  public record DecisionRequest(@NotBlank @Size(max = 500) String reason) {}

  public record RebindRequest(
      @NotBlank String supervisorCode,
      @Pattern(regexp = "[A-Za-z0-9._:-]{4,64}", message = "must be 4 to 64 letters or digits")
          String deviceId,
      @Size(min = 1, max = 80) String operator) {}

  public record TokenRequest(@NotBlank String terminalId, @NotBlank String refreshToken) {}

  public record PairingRequest(@NotBlank String bluetoothMac) {}

  public record PairingConfirmation(@NotBlank String code) {}

  @POST
  @RolesAllowed({Roles.MERCHANT, Roles.ADMIN})
  public Uni<Response> request(@Valid @NotNull TerminalRequest request) {
    UUID scope = MerchantClaim.scope(jwt);
    UUID merchantId = scope != null ? scope : request.merchantId();
    if (merchantId == null) {
      throw ProblemException.badRequest(
          "missing-merchant-id", "An admin names the merchant (merchantId)");
    }
    if (scope != null && request.merchantId() != null && !scope.equals(request.merchantId())) {
      throw new ProblemException(
          403, "other-merchant", "Forbidden", "A merchant requests terminals for itself only");
    }
    TerminalKind kind = ProblemException.enumValue(TerminalKind.class, "kind", request.kind());
    DeviceFacts device =
        new DeviceFacts(
            request.model() == null ? null : TerminalService.model(request.model()),
            request.serialNumber(),
            request.bluetoothMac(),
            request.deviceId(),
            request.androidVersion(),
            request.qrId(),
            request.nfcTagId(),
            request.label());
    return service
        .request(
            new NewTerminal(
                merchantId, kind, device, request.nfc(), request.email(), request.language()))
        .map(
            terminal ->
                Response.created(URI.create("/v1/terminals/" + terminal.getId()))
                    .entity(TerminalMapper.toResponse(terminal, false, null))
                    .build());
  }

  @GET
  @RolesAllowed({Roles.MERCHANT, Roles.ADMIN})
  public Uni<List<TerminalResponse>> list(@RestQuery String status) {
    TerminalStatus wanted = ProblemException.enumValue(TerminalStatus.class, "status", status);
    return Panache.withSession(() -> terminals.list(MerchantClaim.scope(jwt), wanted))
        .chain(
            found ->
                presence
                    .of(found)
                    .map(
                        states ->
                            found.stream()
                                .map(
                                    terminal -> {
                                      Presence.State state = states.get(terminal.getId());
                                      return TerminalMapper.toResponse(
                                          terminal, state.online(), state.lastSeenAt());
                                    })
                                .toList()));
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.MERCHANT, Roles.ADMIN})
  public Uni<TerminalResponse> get(@RestPath String id) {
    return Panache.withSession(() -> terminals.require(id, MerchantClaim.scope(jwt), false))
        .chain(this::withPresence);
  }

  @POST
  @Path("{id}/approve")
  @RolesAllowed(Roles.ADMIN)
  public Uni<TerminalResponse> approve(@RestPath String id) {
    return service.approve(id).map(terminal -> TerminalMapper.toResponse(terminal, false, null));
  }

  @POST
  @Path("{id}/reject")
  @RolesAllowed(Roles.ADMIN)
  public Uni<TerminalResponse> reject(@RestPath String id, @Valid @NotNull DecisionRequest body) {
    return service
        .reject(id, body.reason())
        .map(terminal -> TerminalMapper.toResponse(terminal, false, null));
  }

  /** Voids the terminal's credentials and closes its session at once. */
  @POST
  @Path("{id}/revoke")
  @RolesAllowed(Roles.ADMIN)
  public Uni<TerminalResponse> revoke(@RestPath String id, @Valid @NotNull DecisionRequest body) {
    return service
        .revoke(id, body.reason())
        .map(terminal -> TerminalMapper.toResponse(terminal, false, terminal.getLastSeenAt()));
  }

  /** A fresh activation code by e-mail (the previous unused ones are void). */
  @POST
  @Path("{id}/activation-code")
  @RolesAllowed({Roles.MERCHANT, Roles.ADMIN})
  public Uni<Response> reissue(@RestPath String id) {
    return activation
        .reissue(id, MerchantClaim.scope(jwt))
        .map(terminal -> Response.accepted().build());
  }

  @POST
  @Path("activation")
  @PermitAll
  public Uni<CredentialResponse> activate(@Valid @NotNull ActivationRequest request) {
    return activation.activate(request);
  }

  @POST
  @Path("token")
  @PermitAll
  public Uni<CredentialResponse> token(@Valid @NotNull TokenRequest request) {
    return activation.refresh(request.terminalId(), request.refreshToken());
  }

  @POST
  @Path("{id}/rebind")
  @RolesAllowed(Roles.MERCHANT)
  public Uni<CredentialResponse> rebind(@RestPath String id, @Valid @NotNull RebindRequest body) {
    if (body.deviceId() == null && body.operator() == null) {
      throw ProblemException.badRequest(
          "nothing-to-rebind", "Name the new deviceId, the new operator or both");
    }
    return activation.rebind(
        id, MerchantClaim.of(jwt), body.supervisorCode(), body.deviceId(), body.operator());
  }

  @POST
  @Path("{id}/pairings")
  // Any token reaches TerminalPrincipal, which answers not-a-terminal-credential, not forbidden.
  @Authenticated
  public Uni<Response> startPairing(@RestPath String id, @Valid @NotNull PairingRequest body) {
    return authenticator
        .terminalOf(TerminalPrincipal.of(jwt), id)
        .chain(terminal -> pairing.start(terminal, body.bluetoothMac()))
        .map((StartedPairing started) -> Response.status(201).entity(started).build());
  }

  @POST
  @Path("{id}/pairings/{pairingId}/confirm")
  // Any token reaches TerminalPrincipal, which answers not-a-terminal-credential, not forbidden.
  @Authenticated
  public Uni<PairingResult> confirmPairing(
      @RestPath String id, @RestPath UUID pairingId, @Valid @NotNull PairingConfirmation body) {
    return authenticator
        .terminalOf(TerminalPrincipal.of(jwt), id)
        .chain(terminal -> pairing.confirm(terminal, pairingId, body.code()));
  }

  private Uni<TerminalResponse> withPresence(Terminal terminal) {
    return presence
        .of(terminal)
        .map(state -> TerminalMapper.toResponse(terminal, state.online(), state.lastSeenAt()));
  }
}
