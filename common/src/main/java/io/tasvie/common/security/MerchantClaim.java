package io.tasvie.common.security;

import io.tasvie.common.problem.ProblemException;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The merchant a token speaks for: its {@code merchant_id} claim. */
public final class MerchantClaim {

  public static final String NAME = "merchant_id";

  private MerchantClaim() {}

  /**
   * @throws ProblemException 403 when the token carries no (valid) merchant_id claim
   */
  public static UUID of(JsonWebToken jwt) {
    String claim = jwt.getClaim(NAME);
    if (claim == null) {
      throw new ProblemException(
          403, "not-a-merchant-token", "Forbidden", "The token carries no merchant_id claim");
    }
    try {
      return UUID.fromString(claim);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          403, "not-a-merchant-token", "Forbidden", "The token's merchant_id is not a UUID");
    }
  }

  /**
   * The merchant a request is confined to: the token's own for a merchant, none (null) for staff
   * (admin, finance) who see every merchant.
   */
  public static UUID scope(JsonWebToken jwt) {
    boolean staff =
        jwt.getGroups().contains(Roles.ADMIN) || jwt.getGroups().contains(Roles.FINANCE);
    return staff ? null : of(jwt);
  }

  /**
   * Staff act for any merchant, a merchant only for itself: another merchant's resources answer 404
   * merchant-not-found, as if they did not exist.
   */
  public static void requireOwn(JsonWebToken jwt, UUID merchantId) {
    UUID scope = scope(jwt);
    if (scope != null && !scope.equals(merchantId)) {
      throw ProblemException.notFound("merchant", merchantId);
    }
  }
}
