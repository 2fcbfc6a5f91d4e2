package io.tasvie.terminal.transaction.rest;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.MerchantClaim;
import io.tasvie.common.security.Roles;
import io.tasvie.terminal.transaction.service.HistoryService;
import io.tasvie.terminal.transaction.service.HistoryService.History;
import io.tasvie.terminal.transaction.service.HistoryService.Period;
import io.tasvie.terminal.transaction.service.HistoryService.Scope;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Card-present history of all a merchant's terminals, with totals per currency. */
@Path("/v1/merchants/{merchantId}/transactions")
@RolesAllowed({Roles.MERCHANT, Roles.ADMIN})
public class MerchantTransactionResource {

  private final HistoryService history;
  private final JsonWebToken jwt;

  public MerchantTransactionResource(HistoryService history, JsonWebToken jwt) {
    this.history = history;
    this.jwt = jwt;
  }

  @GET
  public Uni<History> merchantHistory(
      @RestPath UUID merchantId,
      @RestQuery String from,
      @RestQuery String to,
      @RestQuery String zone) {
    UUID scope = MerchantClaim.scope(jwt);
    if (scope != null && !scope.equals(merchantId)) {
      throw ProblemException.notFound("merchant", merchantId);
    }
    return history.history(new Scope(null, merchantId), Period.of(from, to, zone));
  }
}
