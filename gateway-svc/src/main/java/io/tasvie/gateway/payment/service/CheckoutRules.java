package io.tasvie.gateway.payment.service;

import io.tasvie.common.money.Money;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.gateway.merchant.Merchant;
import io.tasvie.gateway.payment.config.CheckoutConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The checks every new payment passes, whichever edge it came through. */
@ApplicationScoped
public class CheckoutRules {

  public static final int MAX_REDIRECT_URL_LENGTH = 2000;

  private final CheckoutConfig config;

  public CheckoutRules(CheckoutConfig config) {
    this.config = config;
  }

  public void check(NewPayment payment, Merchant merchant) {
    checkAmount(payment.amount(), payment.currency());
    checkRedirectUrl(payment.redirectUrl(), merchant);
  }

  void checkAmount(long amount, String currency) {
    try {
      Money.currency(currency);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("unknown-currency", e.getMessage());
    }
    CheckoutConfig.AmountLimits limits = config.currencies().get(currency);
    if (limits == null) {
      throw ProblemException.badRequest(
          "unsupported-currency",
          "Checkout does not accept " + currency + "; accepted: " + config.currencies().keySet());
    }
    if (amount < limits.min()) {
      throw ProblemException.badRequest(
          "amount-below-minimum",
          "The amount must be at least " + limits.min() + " " + currency + " minor units");
    }
    if (amount > limits.max()) {
      throw ProblemException.badRequest(
          "amount-above-maximum",
          "The amount must be at most " + limits.max() + " " + currency + " minor units");
    }
  }

  /**
   * The payer is sent back only to an http(s) address on one of the merchant's registered callback
   * domains (or a subdomain of one), as Shaparak requires.
   */
  void checkRedirectUrl(String redirectUrl, Merchant merchant) {
    if (redirectUrl == null || redirectUrl.isBlank()) {
      throw invalidRedirect("A redirect URL is required");
    }
    if (redirectUrl.length() > MAX_REDIRECT_URL_LENGTH) {
      throw invalidRedirect("The redirect URL is longer than " + MAX_REDIRECT_URL_LENGTH);
    }
    URI uri;
    try {
      uri = new URI(redirectUrl);
    } catch (URISyntaxException e) {
      throw invalidRedirect("The redirect URL is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw invalidRedirect("The redirect URL must be an http or https address");
    }
    if (uri.getRawUserInfo() != null || uri.getHost() == null) {
      throw invalidRedirect("The redirect URL must name a host and no user");
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    boolean registered =
        merchant.getCallbackDomains().stream()
            .anyMatch(domain -> host.equals(domain) || host.endsWith("." + domain));
    if (!registered) {
      throw new ProblemException(
          400,
          "redirect-url-domain-not-registered",
          "Redirect URL not allowed",
          "The redirect URL's host "
              + host
              + " is not one of the merchant's callback domains "
              + merchant.getCallbackDomains());
    }
  }

  private static ProblemException invalidRedirect(String detail) {
    return ProblemException.badRequest("invalid-redirect-url", detail);
  }
}
