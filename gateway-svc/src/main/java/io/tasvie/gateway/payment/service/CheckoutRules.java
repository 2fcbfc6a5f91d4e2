package io.tasvie.gateway.payment.service;

import io.tasvie.common.money.Money;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.gateway.merchant.Merchant;
import io.tasvie.gateway.payment.config.CheckoutConfig;
import io.tasvie.gateway.settings.Discount;
import io.tasvie.gateway.settings.MerchantSettings;
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

  /**
   * Checks a new payment against the platform's limits and the merchant's settings; answers the
   * card discount to take off the order amount.
   */
  public long check(NewPayment payment, Merchant merchant, MerchantSettings settings) {
    if (settings.isMaintenance()) {
      throw maintenance();
    }
    checkAmount(payment.amount(), payment.currency());
    long discount = 0;
    // The merchant's limits and a fixed discount are in its own currency.
    if (payment.currency().equals(merchant.getCurrency())) {
      checkOrderLimits(payment.amount(), settings);
      discount = discount(payment.amount(), payment.currency(), settings.getDiscount());
    }
    checkRedirectUrl(payment.redirectUrl(), merchant);
    return discount;
  }

  /** No new payment is taken, test or real, while the merchant's checkout is in maintenance. */
  public static ProblemException maintenance() {
    return new ProblemException(
        503,
        "checkout-in-maintenance",
        "Checkout in maintenance",
        "The shop has paused card payments for maintenance; nothing was charged. Try again later");
  }

  private static void checkOrderLimits(long amount, MerchantSettings settings) {
    if (settings.getMinAmount() != null && amount < settings.getMinAmount()) {
      throw ProblemException.badRequest(
          "order-below-card-minimum",
          "The shop offers card payment for orders of at least " + settings.getMinAmount());
    }
    if (settings.getMaxAmount() != null && amount > settings.getMaxAmount()) {
      throw ProblemException.badRequest(
          "order-above-card-maximum",
          "The shop offers card payment for orders of at most " + settings.getMaxAmount());
    }
  }

  private long discount(long amount, String currency, Discount discount) {
    if (discount == null) {
      return 0;
    }
    long off = discount.of(amount);
    long minimum = config.currencies().get(currency).min();
    if (amount - off < minimum) {
      throw ProblemException.badRequest(
          "discount-above-amount",
          "The card discount of "
              + off
              + " would leave "
              + (amount - off)
              + ", below the smallest charge of "
              + minimum
              + " "
              + currency);
    }
    return off;
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
