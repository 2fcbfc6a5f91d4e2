package io.tasvie.terminal.valueadded;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;

/**
 * Operators and billers that never leave the process. They confirm everything with a reference,
 * except the documented failures: a top-up or package for a number ending in {@code 0000} (the
 * operator's system is down) and a bill whose bill ID starts with {@code 999} (the biller refuses
 * it) — so the reversal of a charged card can be seen.
 */
@ApplicationScoped
@DefaultBean
public class SandboxFulfilment implements Fulfilment {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public Uni<Outcome> fulfil(ValueAddedOrder order) {
    Object mobile = order.details().get("mobileNumber");
    Object billId = order.details().get("billId");
    if (mobile != null && mobile.toString().endsWith("0000")) {
      return Uni.createFrom().item(new Outcome(false, null, "operator-unavailable"));
    }
    if (billId != null && billId.toString().startsWith("999")) {
      return Uni.createFrom().item(new Outcome(false, null, "biller-refused"));
    }
    return Uni.createFrom()
        .item(new Outcome(true, "SBX" + (100_000_000L + RANDOM.nextInt(900_000_000)), null));
  }
}
