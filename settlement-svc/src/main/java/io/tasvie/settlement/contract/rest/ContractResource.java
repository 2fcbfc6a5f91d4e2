package io.tasvie.settlement.contract.rest;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.Roles;
import io.tasvie.settlement.contract.Contract;
import io.tasvie.settlement.contract.service.ContractService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;

/** A merchant's settlement contract: read by finance, set by admins. */
@Path("/v1/merchants/{merchantId}/settlement-contract")
public class ContractResource {

  private final ContractService contracts;

  public ContractResource(ContractService contracts) {
    this.contracts = contracts;
  }

  /** {@code cutoff} is local time {@code HH:mm} in the merchant's country. */
  public record ContractRequest(
      @NotNull @Min(Contract.MIN_DELAY) @Max(Contract.MAX_DELAY) Integer delayDays,
      @NotNull @Pattern(regexp = "\\d{2}:\\d{2}", message = "must be HH:mm") String cutoff) {}

  public record ContractResponse(UUID merchantId, int delayDays, String cutoff) {}

  @GET
  @RolesAllowed({Roles.FINANCE, Roles.ADMIN})
  public Uni<ContractResponse> get(@RestPath UUID merchantId) {
    return contracts.find(merchantId).map(contract -> toResponse(merchantId, contract));
  }

  @PUT
  @RolesAllowed(Roles.ADMIN)
  public Uni<ContractResponse> set(
      @RestPath UUID merchantId, @Valid @NotNull ContractRequest request) {
    LocalTime cutoff;
    try {
      cutoff = LocalTime.parse(request.cutoff());
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest("invalid-cutoff", "cutoff must be a time of day, HH:mm");
    }
    return contracts
        .set(merchantId, new Contract(request.delayDays(), cutoff))
        .map(contract -> toResponse(merchantId, contract));
  }

  private static ContractResponse toResponse(UUID merchantId, Contract contract) {
    return new ContractResponse(merchantId, contract.delayDays(), contract.cutoff().toString());
  }
}
