package io.tasvie.gateway.page;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.i18n.MessageBundles;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** The page's words in a language, and the readable error page. */
@ApplicationScoped
public class Pages {

  private final Template error;

  public Pages(@Location("error.html") Template error) {
    this.error = error;
  }

  public PageMessages messages(PageLocale locale) {
    return MessageBundles.get(
        PageMessages.class, io.quarkus.qute.i18n.Localized.Literal.of(locale.tag()));
  }

  public Uni<Response> notFound(PageLocale locale) {
    return error(404, locale, messages(locale).notFound(), "payment-not-found");
  }

  /**
   * A refused request as a readable page, all in one language: in English the problem's own detail,
   * in Persian the sentence for its type; and the problem code, which a payer can quote.
   */
  public Uni<Response> problem(int status, PageLocale locale, ProblemException problem) {
    return error(status, locale, sentence(locale, problem), problem.type());
  }

  private String sentence(PageLocale locale, ProblemException problem) {
    PageMessages words = messages(locale);
    if (problem.extensions().get("violations") instanceof List<?> violations
        && !violations.isEmpty()
        && violations.get(0) instanceof Map<?, ?> violation
        && violation.get("field") != null) {
      return words.refusedText(String.valueOf(violation.get("field")));
    }
    if (locale == PageLocale.EN) {
      return problem.getMessage();
    }
    return switch (problem.type()) {
      case "unknown-merchant" -> words.unknownMerchant();
      case "invalid-merchant-reference" -> words.invalidReference();
      case "duplicate-merchant-reference" -> words.duplicateReference();
      case "invalid-amount" -> words.invalidAmount();
      case "amount-below-minimum", "amount-above-maximum" -> words.amountOutOfRange();
      case "order-below-card-minimum", "order-above-card-maximum" -> words.cardAmountOutOfRange();
      case "discount-above-amount" -> words.discountAboveAmount();
      case "field-too-long" -> words.fieldTooLong();
      case "invalid-redirect-url", "redirect-url-domain-not-registered" ->
          words.invalidRedirectUrl();
      case "signature-required", "invalid-signature", "unknown-key-index", "key-revoked" ->
          words.signatureRefused();
      case "unsupported-currency", "unknown-currency" -> words.unsupportedCurrency();
      case "checkout-in-maintenance" -> words.maintenance();
      case "real-card-in-sandbox" -> words.realCardInSandbox();
      case "test-card-in-production" -> words.testCardInProduction();
      default -> words.requestRefused();
    };
  }

  /** A readable page that says what went wrong, in the payer's language, with its code. */
  private Uni<Response> error(int status, PageLocale locale, String message, String code) {
    return error
        .data("lang", locale.tag())
        .data("dir", locale.direction())
        .data("message", message)
        .data("code", code)
        .setLocale(locale.locale())
        .createUni()
        .map(html -> PageResponses.html(status, html));
  }
}
