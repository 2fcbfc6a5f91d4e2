package io.tasvie.terminal.transaction.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.security.MerchantClaim;
import io.tasvie.common.security.Roles;
import io.tasvie.terminal.message.Frames;
import io.tasvie.terminal.session.Presence;
import io.tasvie.terminal.session.SessionRegistry;
import io.tasvie.terminal.terminal.repository.TerminalRepository;
import io.tasvie.terminal.transaction.service.HistoryService;
import io.tasvie.terminal.transaction.service.HistoryService.History;
import io.tasvie.terminal.transaction.service.HistoryService.Period;
import io.tasvie.terminal.transaction.service.HistoryService.Scope;
import io.tasvie.terminal.transaction.service.RefundService;
import io.tasvie.terminal.transaction.service.RefundService.ApprovalResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The merchant back office's view of card-present sales: history with totals per terminal or for
 * the whole merchant, and refunds approved with the supervisor code, sent to the terminal's open
 * session to collect the card.
 */
@Path("/v1/terminals")
@RolesAllowed({Roles.MERCHANT, Roles.ADMIN})
public class TerminalTransactionResource {

  private final HistoryService history;
  private final RefundService refunds;
  private final TerminalRepository terminals;
  private final SessionRegistry sessions;
  private final Frames frames;
  private final Presence presence;
  private final JsonWebToken jwt;

  public TerminalTransactionResource(
      HistoryService history,
      RefundService refunds,
      TerminalRepository terminals,
      SessionRegistry sessions,
      Frames frames,
      Presence presence,
      JsonWebToken jwt) {
    this.history = history;
    this.refunds = refunds;
    this.terminals = terminals;
    this.sessions = sessions;
    this.frames = frames;
    this.presence = presence;
    this.jwt = jwt;
  }

  public record RefundApprovalRequest(
      @NotNull UUID originalTransactionId,
      @Positive long amount,
      @NotBlank String supervisorCode) {}

  /** The approval, and whether the terminal has an open session (on any replica) to receive it. */
  public record RefundApprovalResponse(ApprovalResult approval, boolean delivered) {}

  @GET
  @Path("{id}/transactions")
  public Uni<History> terminalHistory(
      @RestPath String id, @RestQuery String from, @RestQuery String to, @RestQuery String zone) {
    Period period = Period.of(from, to, zone);
    return Panache.withSession(() -> terminals.require(id, MerchantClaim.scope(jwt), false))
        .chain(terminal -> history.history(new Scope(terminal.getId(), null), period));
  }

  @POST
  @Path("{id}/refund-approvals")
  @RolesAllowed(Roles.MERCHANT)
  public Uni<Response> approveRefund(
      @RestPath String id, @Valid @NotNull RefundApprovalRequest body) {
    return Panache.withSession(() -> terminals.require(id, MerchantClaim.of(jwt), false))
        .chain(
            terminal ->
                refunds
                    .approve(
                        terminal.getId(),
                        body.originalTransactionId(),
                        body.amount(),
                        body.supervisorCode())
                    .invoke(
                        approval ->
                            sessions.send(
                                terminal.getTerminalId(), frames.push("refund-approved", approval)))
                    .chain(
                        approval ->
                            presence
                                .of(terminal)
                                .map(
                                    state ->
                                        Response.status(201)
                                            .entity(
                                                new RefundApprovalResponse(
                                                    approval, state.online()))
                                            .build())));
  }
}
