package io.tasvie.terminal.wallet.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.merchant.MerchantProjection;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.Roles;
import io.tasvie.terminal.terminal.repository.TerminalRepository;
import io.tasvie.terminal.wallet.WalletPaymentView;
import io.tasvie.terminal.wallet.service.WalletService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The wallet app's side (role {@code wallet}; the user is the token's subject): resolve a scanned
 * till, check in at it, see the payment pushed to you, confirm or reject it. A user sees only the
 * payments issued to them.
 */
@Path("/v1")
@RolesAllowed(Roles.WALLET)
public class WalletResource {

  private final WalletService wallet;
  private final TerminalRepository terminals;
  private final JsonWebToken jwt;

  public WalletResource(WalletService wallet, TerminalRepository terminals, JsonWebToken jwt) {
    this.wallet = wallet;
    this.terminals = terminals;
    this.jwt = jwt;
  }

  public record CheckInRequest(@NotBlank String qrId) {}

  /** What a scanned code shows before paying: the merchant's name and the till, nothing more. */
  public record TillResponse(String terminalId, String merchantName, String label) {}

  @GET
  @Path("tills/{qrId}")
  public Uni<TillResponse> till(@RestPath String qrId) {
    return Panache.withSession(
        () ->
            terminals
                .findTill(qrId)
                .chain(
                    till -> {
                      if (till == null || !till.isActive()) {
                        throw ProblemException.notFound("till", qrId);
                      }
                      return Panache.getSession()
                          .chain(s -> s.find(MerchantProjection.class, till.getMerchantId()))
                          .map(
                              merchant ->
                                  new TillResponse(
                                      till.getTerminalId(),
                                      merchant == null ? null : merchant.getName(),
                                      till.getLabel()));
                    }));
  }

  @POST
  @Path("wallet/check-ins")
  public Uni<WalletPaymentView> checkIn(@Valid @NotNull CheckInRequest request) {
    return wallet.checkIn(user(), request.qrId());
  }

  @GET
  @Path("wallet/payments/{paymentId}")
  public Uni<WalletPaymentView> payment(@RestPath UUID paymentId) {
    return wallet.walletView(user(), paymentId);
  }

  @POST
  @Path("wallet/payments/{paymentId}/confirm")
  public Uni<WalletPaymentView> confirm(@RestPath UUID paymentId) {
    return wallet.confirm(user(), paymentId);
  }

  @POST
  @Path("wallet/payments/{paymentId}/reject")
  public Uni<WalletPaymentView> reject(@RestPath UUID paymentId) {
    return wallet.reject(user(), paymentId);
  }

  private String user() {
    String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
    if (subject == null || subject.isBlank()) {
      throw new ProblemException(403, "not-a-wallet-token", "Forbidden", "The token names no user");
    }
    return subject;
  }
}
