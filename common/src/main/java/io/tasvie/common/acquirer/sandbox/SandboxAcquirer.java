package io.tasvie.common.acquirer.sandbox;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.acquirer.Acquirer;
import io.tasvie.common.acquirer.AcquirerReply;
import io.tasvie.common.acquirer.AuthorizationRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Map;

/**
 * An acquirer that never leaves the process: the test cards approve, a documented set of cards
 * produce each kind of decline, and every other card is refused as unknown, so a sandbox never
 * approves a real card.
 */
@ApplicationScoped
@DefaultBean
public class SandboxAcquirer implements Acquirer {

  /** The test cards of myPOS's sandbox; any holder, any future expiry, any CVC. */
  public static final Map<String, String> APPROVING_CARDS =
      Map.of(
          "4006090000000007", "VISA",
          "4929131949828217", "VISA",
          "4002880000000005", "VISA Electron",
          "5326100000000004", "MasterCard",
          "67032000000000001", "Maestro",
          "4877000000000002", "VPay");

  /** Cards that decline, by ISO 8583 response code. */
  public static final Map<String, String> DECLINING_CARDS =
      Map.of(
          "4000000000000002", "57", // declined (transaction not permitted)
          "4000000000009995", "51", // insufficient funds
          "4000000000000069", "54", // expired card
          "4000000000000010", "05", // do not honour
          "4000000000000119", "91"); // issuer unavailable: timed out

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Whether {@code digits} is one of the sandbox's cards, approving or declining. */
  public static boolean isTestCard(String digits) {
    return APPROVING_CARDS.containsKey(digits) || DECLINING_CARDS.containsKey(digits);
  }

  @Override
  public Uni<AcquirerReply> authorize(AuthorizationRequest request) {
    String digits = request.card().digits();
    String code;
    if (APPROVING_CARDS.containsKey(digits)) {
      code = AcquirerReply.APPROVED;
    } else {
      code = DECLINING_CARDS.getOrDefault(digits, "14");
    }
    return Uni.createFrom()
        .item(
            new AcquirerReply(
                code, code.equals(AcquirerReply.APPROVED) ? digits(6) : null, digits(12)));
  }

  @Override
  public Uni<AcquirerReply> capture(String rrn, long amount, String currency) {
    return approved(rrn);
  }

  @Override
  public Uni<AcquirerReply> reverse(String rrn) {
    return approved(rrn);
  }

  @Override
  public Uni<AcquirerReply> refund(String rrn, long amount, String currency) {
    return approved(digits(12));
  }

  private static Uni<AcquirerReply> approved(String rrn) {
    return Uni.createFrom().item(new AcquirerReply(AcquirerReply.APPROVED, null, rrn));
  }

  private static String digits(int count) {
    StringBuilder digits = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      digits.append(RANDOM.nextInt(10));
    }
    return digits.toString();
  }
}
