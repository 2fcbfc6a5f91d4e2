package io.tasvie.settlement.contract.rest;

import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.Roles;
import io.tasvie.settlement.contract.Contract;
import io.tasvie.settlement.contract.Iban;
import io.tasvie.settlement.contract.service.ContractService;
import io.tasvie.settlement.ledger.Fee;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;

/** A merchant's settlement contract: read by finance, set by admins. */
@Path("/v1/merchants/{merchantId}/settlement-contract")
public class ContractResource {

  private final ContractService contracts;

  public ContractResource(ContractService contracts) {
    this.contracts = contracts;
  }

  /**
   * {@code cutoff} is local time {@code HH:mm} in the merchant's country; {@code fees} replace the
   * merchant's fees (channels left out get the default); {@code iban} and {@code accountHolder}
   * name the payout account.
   */
  public record ContractRequest(
      @NotNull @Min(Contract.MIN_DELAY) @Max(Contract.MAX_DELAY) Integer delayDays,
      @NotNull @Pattern(regexp = "\\d{2}:\\d{2}", message = "must be HH:mm") String cutoff,
      @Size(max = 20) List<@Valid @NotNull FeeTerms> fees,
      @Size(max = 34) String iban,
      @Size(min = 1, max = 140) String accountHolder) {}

  public record FeeTerms(
      @NotNull @Pattern(regexp = "[A-Z][A-Z_]{1,31}", message = "must be a channel such as ONLINE")
          String channel,
      @NotNull @Min(0) @Max(Fee.MAX_BPS) Integer mdrBps,
      @NotNull @Min(0) Long fixedFee) {}

  public record ContractResponse(
      UUID merchantId,
      int delayDays,
      String cutoff,
      List<FeeTerms> fees,
      FeeTerms defaultFee,
      String iban,
      String accountHolder) {}

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
    Contract contract =
        new Contract(
            request.delayDays(),
            cutoff,
            fees(request.fees()),
            Fee.NONE, // the service answers with the configured default
            iban(request.iban()),
            request.accountHolder() == null ? null : request.accountHolder().strip());
    if ((contract.iban() == null) != (contract.accountHolder() == null)) {
      throw ProblemException.badRequest(
          "incomplete-account", "iban and accountHolder are given together or not at all");
    }
    return contracts.set(merchantId, contract).map(saved -> toResponse(merchantId, saved));
  }

  private static Map<String, Fee> fees(List<FeeTerms> terms) {
    Map<String, Fee> fees = new HashMap<>();
    for (FeeTerms fee : terms == null ? List.<FeeTerms>of() : terms) {
      if (fees.put(fee.channel(), new Fee(fee.mdrBps(), fee.fixedFee())) != null) {
        throw ProblemException.badRequest(
            "duplicate-channel", "fees name channel " + fee.channel() + " more than once");
      }
    }
    return fees;
  }

  private static String iban(String value) {
    if (value == null) {
      return null;
    }
    String iban = Iban.normalise(value);
    if (iban == null) {
      throw ProblemException.badRequest(
          "invalid-iban", "iban is not a valid IBAN (country, length or check digits)");
    }
    return iban;
  }

  private static ContractResponse toResponse(UUID merchantId, Contract contract) {
    return new ContractResponse(
        merchantId,
        contract.delayDays(),
        contract.cutoff().toString(),
        new TreeMap<>(contract.fees())
            .entrySet().stream().map(e -> terms(e.getKey(), e.getValue())).toList(),
        terms(null, contract.defaultFee()),
        contract.iban(),
        contract.accountHolder());
  }

  private static FeeTerms terms(String channel, Fee fee) {
    return new FeeTerms(channel, fee.mdrBps(), fee.fixedFee());
  }
}
