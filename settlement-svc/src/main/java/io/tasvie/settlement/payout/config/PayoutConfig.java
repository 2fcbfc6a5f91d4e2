package io.tasvie.settlement.payout.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** The platform's own accounts that merchants are paid from (the pain.001 debtor). */
@ConfigMapping(prefix = "tasvie.payout")
public interface PayoutConfig {

  /** The debtor's name on credit transfers. */
  @WithDefault("Tasvie")
  String debtorName();

  /** The settlement account per currency, as an IBAN: {@code tasvie.payout.accounts.IRR=IR…}. */
  Map<String, String> accounts();

  /** The BIC of the debtor's bank, when the bank wants it. */
  Optional<String> debtorBic();
}
