package io.tasvie.gateway.legacy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.gateway.edge.FormText;
import io.tasvie.gateway.merchant.repository.MerchantRepository;
import io.tasvie.gateway.page.PageLocale;
import io.tasvie.gateway.page.PageResponses;
import io.tasvie.gateway.page.Pages;
import io.tasvie.gateway.payment.PaymentOrigin;
import io.tasvie.gateway.payment.service.NewPayment;
import io.tasvie.gateway.payment.service.PaymentService;
import io.tasvie.gateway.settings.repository.SettingsRepository;
import io.tasvie.gateway.signing.Canonical;
import io.tasvie.gateway.signing.MerchantKeys;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The legacy checkout form: a merchant site POSTs the payer here with {@code ID}, {@code Res},
 * {@code Amnt} (rials), {@code Nam}, {@code Dsc} and {@code RedirectURL}; the payer lands on the
 * hosted page, or on a readable page saying what was wrong with the request (in the payer's
 * language, with the problem code). A field holding text the rule refuses ({@link FormText}) is
 * such a page too.
 */
@Path("/Payment.aspx")
public class LegacyPaymentResource {

  private static final String LEGACY_CURRENCY = "IRR";

  private final MerchantRepository merchants;
  private final PaymentService payments;
  private final Pages pages;
  private final SettingsRepository settings;
  private final MerchantKeys keys;

  public LegacyPaymentResource(
      MerchantRepository merchants,
      PaymentService payments,
      Pages pages,
      SettingsRepository settings,
      MerchantKeys keys) {
    this.settings = settings;
    this.keys = keys;
    this.merchants = merchants;
    this.payments = payments;
    this.pages = pages;
  }

  @POST
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Produces(MediaType.TEXT_HTML)
  public Uni<Response> start(
      @RestForm("ID") String id,
      @RestForm("Res") String res,
      @RestForm("Amnt") String amnt,
      @RestForm("Nam") String nam,
      @RestForm("Dsc") String dsc,
      @RestForm("RedirectURL") String redirectUrl,
      @RestForm("Signature") String signature,
      @RestForm("KeyIndex") String keyIndex,
      HttpHeaders headers) {
    PageLocale locale = PageLocale.choose(null, headers.getAcceptableLanguages(), LEGACY_CURRENCY);
    FormText.Refused refused =
        FormText.check()
            .field("ID", id)
            .field("Res", res)
            .field("Amnt", amnt)
            .field("Nam", nam)
            .field("Dsc", dsc)
            .field("RedirectURL", redirectUrl)
            .field("Signature", signature)
            .field("KeyIndex", keyIndex)
            .refused();
    if (refused != null) {
      return pages.problem(400, locale, refused.problem());
    }
    byte[] canonical =
        Canonical.ofForm(
            "/Payment.aspx", List.of(nz(id), nz(res), nz(amnt), nz(nam), nz(dsc), nz(redirectUrl)));
    return Panache.withTransaction(
            () ->
                merchants
                    .findByMerchantNumber(id == null ? "" : id.strip())
                    .chain(
                        merchant -> {
                          if (merchant == null) {
                            throw ProblemException.badRequest(
                                "unknown-merchant", "No gateway account with ID " + id);
                          }
                          return settings
                              .findById(merchant.getId())
                              .call(
                                  merchantSettings ->
                                      keys.verify(
                                          merchant.getId(),
                                          merchantSettings,
                                          keyIndex,
                                          signature,
                                          canonical))
                              .chain(
                                  merchantSettings ->
                                      payments.create(
                                          merchant,
                                          merchantSettings,
                                          new NewPayment(
                                              reference(res),
                                              amount(amnt),
                                              LEGACY_CURRENCY,
                                              limit(nam, 100),
                                              limit(dsc, 500),
                                              redirectUrl == null ? null : redirectUrl.strip(),
                                              null,
                                              PaymentOrigin.LEGACY_FORM)));
                        }))
        .map(payment -> PageResponses.seeOther("/pay/" + payment.getId()))
        .onFailure(ProblemException.class)
        .recoverWithUni(
            e -> pages.problem(pageStatus((ProblemException) e), locale, (ProblemException) e));
  }

  /**
   * A bad form is a 400 page, as the legacy gateway answered; a refused signature (401) and a
   * checkout paused for maintenance (503) keep their own status.
   */
  private static int pageStatus(ProblemException e) {
    return e.status() == 401 || e.status() == 503 ? e.status() : 400;
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }

  private static String reference(String res) {
    if (res == null || !res.strip().matches("[A-Za-z0-9._:/-]{1,64}")) {
      throw ProblemException.badRequest(
          "invalid-merchant-reference",
          "Res must be 1 to 64 letters, digits or . _ : / - and unique for the merchant");
    }
    return res.strip();
  }

  private static long amount(String amnt) {
    try {
      return Long.parseLong(amnt == null ? "" : amnt.strip());
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(
          "invalid-amount", "Amnt must be a whole number of rials above 10,000");
    }
  }

  private static String limit(String text, int max) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.length() > max) {
      throw ProblemException.badRequest(
          "field-too-long", "Nam and Dsc may be at most 100 and 500 characters");
    }
    return text.strip();
  }
}
