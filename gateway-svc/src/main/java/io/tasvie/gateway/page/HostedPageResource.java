package io.tasvie.gateway.page;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.card.CardNumber;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.gateway.edge.FormText;
import io.tasvie.gateway.merchant.Merchant;
import io.tasvie.gateway.merchant.service.MerchantService;
import io.tasvie.gateway.payment.Payment;
import io.tasvie.gateway.payment.PaymentStatus;
import io.tasvie.gateway.payment.config.CheckoutConfig;
import io.tasvie.gateway.payment.service.PaymentService;
import io.tasvie.gateway.savedcard.SavedCards;
import io.tasvie.gateway.settings.MerchantSettings;
import io.tasvie.gateway.settings.repository.SettingsRepository;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The hosted payment page: the payer sees the merchant, amount and description, pays with a card,
 * sees the result and returns to the merchant. Works without JavaScript; the script only adds a
 * countdown, a Luhn check and a pay button that cannot be pressed twice.
 */
@Path("/pay")
@Produces(MediaType.TEXT_HTML)
public class HostedPageResource {

  private static final DateTimeFormatter CARD_EXPIRY = DateTimeFormatter.ofPattern("MM/yy");
  private static final Pattern EXPIRY =
      Pattern.compile("\\s*(0[1-9]|1[0-2])\\s*/\\s*([0-9]{2}|20[0-9]{2})\\s*");

  private final PaymentService payments;
  private final MerchantService merchants;
  private final FormTokens formTokens;
  private final ReturnLinks returnLinks;
  private final Pages pages;
  private final Template page;
  private final SavedCards savedCards;
  private final SettingsRepository settings;
  private final CheckoutConfig config;

  public HostedPageResource(
      SavedCards savedCards,
      SettingsRepository settings,
      PaymentService payments,
      MerchantService merchants,
      FormTokens formTokens,
      ReturnLinks returnLinks,
      Pages pages,
      CheckoutConfig config,
      @Location("page.html") Template page) {
    this.config = config;
    this.payments = payments;
    this.merchants = merchants;
    this.formTokens = formTokens;
    this.returnLinks = returnLinks;
    this.pages = pages;
    this.page = page;
    this.savedCards = savedCards;
    this.settings = settings;
  }

  @GET
  @Path("{paymentId}")
  public Uni<Response> show(
      @RestPath String paymentId,
      @RestQuery String lang,
      @RestCookie(FormTokens.COOKIE) String formCookie,
      HttpHeaders headers) {
    return load(
        paymentId,
        lang,
        headers,
        (payment, merchant, locale) -> {
          String cookie = formCookie == null ? formTokens.newCookieValue() : formCookie;
          return render(200, payment, merchant, locale, cookie, null);
        });
  }

  /**
   * The payer pays: with a new card ({@code cardNumber}, {@code expiry}, {@code cvc}, and {@code
   * saveCard=yes} to keep it), or with a saved one ({@code savedCardId} and its {@code cvc} again:
   * the number is not sent a second time).
   */
  @POST
  @Path("{paymentId}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Uni<Response> pay(
      @RestPath String paymentId,
      @RestForm String cardNumber,
      @RestForm String expiry,
      @RestForm String cvc,
      @RestForm String savedCardId,
      @RestForm String saveCard,
      @RestForm String csrf,
      @RestForm String lang,
      @RestCookie(FormTokens.COOKIE) String formCookie,
      HttpHeaders headers,
      HttpServerRequest request) {
    return load(
        paymentId,
        lang,
        headers,
        (payment, merchant, locale) -> {
          FormText.Refused badText =
              FormText.check()
                  .field("cardNumber", cardNumber)
                  .field("expiry", expiry)
                  .field("cvc", cvc)
                  .field("savedCardId", savedCardId)
                  .field("saveCard", saveCard)
                  .field("csrf", csrf)
                  .field("lang", lang)
                  .refused();
          if (badText != null) {
            return pages.problem(400, locale, badText.problem());
          }
          String resultPage = "/pay/" + payment.getId() + "?lang=" + locale.tag();
          if (!payment.isPayable(Instant.now())) {
            return Uni.createFrom().item(PageResponses.seeOther(resultPage));
          }
          PageMessages words = pages.messages(locale);
          if (!formTokens.matches(formCookie, csrf, payment.getId())) {
            return render(
                400, payment, merchant, locale, formTokens.newCookieValue(), words.errorForm());
          }
          boolean cvcValid = cvc != null && cvc.matches("[0-9]{3,4}");
          String payerIp = request.remoteAddress().hostAddress();
          Function<SavedCards.Opened, Uni<Response>> charge =
              card ->
                  payments
                      .pay(
                          payment.getId(),
                          merchant.getMerchantNumber(),
                          card.card(),
                          card.expiry(),
                          payerIp,
                          card.saved() == null && "yes".equals(saveCard))
                      .map(paid -> PageResponses.seeOther(resultPage))
                      // Refused before the acquirer (maintenance, a card of the wrong
                      // environment): the payment is still payable, the form shows why.
                      .onFailure(ProblemException.class)
                      .recoverWithUni(
                          refused ->
                              render(
                                  ((ProblemException) refused).status(),
                                  payment,
                                  merchant,
                                  locale,
                                  formCookie,
                                  refusal(words, (ProblemException) refused)));
          if (savedCardId != null && !savedCardId.isBlank()) {
            UUID cardId = parseId(savedCardId);
            Uni<SavedCards.Opened> opened =
                cardId == null || payment.getCustomerId() == null
                    ? Uni.createFrom().nullItem()
                    : Panache.withSession(
                        () ->
                            savedCards.open(
                                payment.getMerchantId(), payment.getCustomerId(), cardId));
            return opened.chain(
                card -> {
                  if (card == null) {
                    return render(
                        400, payment, merchant, locale, formCookie, words.errorSavedCard());
                  }
                  return cvcValid
                      ? charge.apply(card)
                      : render(400, payment, merchant, locale, formCookie, words.errorCvc());
                });
          }
          CardNumber card = CardNumber.parse(cardNumber);
          YearMonth cardExpiry = parseExpiry(expiry);
          if (card == null) {
            return render(400, payment, merchant, locale, formCookie, words.errorCardNumber());
          }
          if (cardExpiry == null || cardExpiry.isBefore(YearMonth.now())) {
            return render(400, payment, merchant, locale, formCookie, words.errorExpiry());
          }
          if (!cvcValid) {
            return render(400, payment, merchant, locale, formCookie, words.errorCvc());
          }
          return charge.apply(new SavedCards.Opened(null, card, cardExpiry));
        });
  }

  /** The payer removes a saved card from the page of a payment of theirs. */
  @POST
  @Path("{paymentId}/cards/{cardId}/delete")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Uni<Response> deleteCard(
      @RestPath String paymentId,
      @RestPath String cardId,
      @RestForm String csrf,
      @RestForm String lang,
      @RestCookie(FormTokens.COOKIE) String formCookie,
      HttpHeaders headers) {
    return load(
        paymentId,
        lang,
        headers,
        (payment, merchant, locale) -> {
          FormText.Refused badText =
              FormText.check().field("csrf", csrf).field("lang", lang).refused();
          if (badText != null) {
            return pages.problem(400, locale, badText.problem());
          }
          UUID card = parseId(cardId);
          if (!formTokens.matches(formCookie, csrf, payment.getId())
              || card == null
              || payment.getCustomerId() == null) {
            return render(
                400,
                payment,
                merchant,
                locale,
                formTokens.newCookieValue(),
                pages.messages(locale).errorForm());
          }
          return savedCards
              .delete(payment.getMerchantId(), payment.getCustomerId(), card)
              .map(
                  deleted ->
                      PageResponses.seeOther("/pay/" + payment.getId() + "?lang=" + locale.tag()));
        });
  }

  @FunctionalInterface
  private interface PageAction {
    Uni<Response> apply(Payment payment, Merchant merchant, PageLocale locale);
  }

  private Uni<Response> load(
      String paymentId, String lang, HttpHeaders headers, PageAction action) {
    UUID id = parseId(paymentId);
    if (id == null) {
      return pages.notFound(PageLocale.choose(lang, headers.getAcceptableLanguages(), null));
    }
    return payments
        .find(id)
        .chain(
            payment -> {
              PageLocale locale =
                  PageLocale.choose(
                      lang,
                      headers.getAcceptableLanguages(),
                      payment == null ? null : payment.getCurrency());
              if (payment == null) {
                return pages.notFound(locale);
              }
              return merchants
                  .find(payment.getMerchantId())
                  .chain(merchant -> action.apply(payment, merchant, locale));
            });
  }

  /**
   * The page as it stands: the card form while the payment can be paid, unless the merchant's
   * checkout is in maintenance (then a notice, and no form); else the result.
   */
  private Uni<Response> render(
      int status,
      Payment payment,
      Merchant merchant,
      PageLocale locale,
      String formCookie,
      String error) {
    if (!payment.isPayable(Instant.now())) {
      return html(status, payment, merchant, locale, formCookie, error, false, false, Wallet.NONE);
    }
    return Panache.withSession(() -> settings.findById(payment.getMerchantId()))
        .chain(
            merchantSettings -> {
              if (merchantSettings != null && merchantSettings.isMaintenance()) {
                return html(
                    status, payment, merchant, locale, formCookie, null, false, true, Wallet.NONE);
              }
              return walletOf(payment, merchantSettings)
                  .chain(
                      wallet ->
                          html(
                              status,
                              payment,
                              merchant,
                              locale,
                              formCookie,
                              error,
                              true,
                              false,
                              wallet));
            });
  }

  /** The saved cards a payer with a customer id may pay with, and whether it may save one. */
  private record Wallet(boolean offerSave, List<PageView.SavedCardView> cards) {
    static final Wallet NONE = new Wallet(false, List.of());
  }

  private Uni<Wallet> walletOf(Payment payment, MerchantSettings merchantSettings) {
    if (payment.getCustomerId() == null
        || merchantSettings == null
        || !merchantSettings.isSaveCards()) {
      return Uni.createFrom().item(Wallet.NONE);
    }
    return Panache.withSession(
        () ->
            savedCards
                .list(payment.getMerchantId(), payment.getCustomerId())
                .map(
                    cards ->
                        new Wallet(
                            true,
                            cards.stream()
                                .map(
                                    c ->
                                        new PageView.SavedCardView(
                                            c.getId().toString(),
                                            c.getBrand(),
                                            c.getMaskedCard(),
                                            c.getExpiry().format(CARD_EXPIRY)))
                                .toList())));
  }

  private Uni<Response> html(
      int status,
      Payment payment,
      Merchant merchant,
      PageLocale locale,
      String formCookie,
      String error,
      boolean form,
      boolean maintenance,
      Wallet wallet) {
    PageMessages words = pages.messages(locale);
    boolean paid = ReturnLinks.isPaid(payment);
    boolean failed = payment.getStatus() == PaymentStatus.DECLINED;
    boolean reversed = payment.getStatus() == PaymentStatus.REVERSED;
    boolean expired = !form && !maintenance && !paid && !failed && !reversed;
    ZoneId zone = config.zones().getOrDefault(merchant.getCountry(), ZoneOffset.UTC);
    boolean discounted = payment.getDiscountAmount() > 0;
    PageView view =
        new PageView(
            locale.tag(),
            locale.direction(),
            payment.getId().toString(),
            merchant.getName(),
            payment.getMerchantReference(),
            locale.money(payment.getAmount(), payment.getCurrency()),
            discounted ? locale.money(payment.getOrderAmount(), payment.getCurrency()) : null,
            discounted ? locale.money(payment.getDiscountAmount(), payment.getCurrency()) : null,
            payment.getDescription(),
            payment.getPayerName(),
            locale.dateTime(payment.getExpiresAt(), zone),
            DateTimeFormatter.ISO_INSTANT.format(payment.getExpiresAt()),
            form,
            maintenance,
            paid,
            failed,
            expired,
            reversed,
            failed ? declineText(words, payment.getDeclineReason()) : error,
            form ? formTokens.formToken(formCookie, payment.getId()) : null,
            form || maintenance
                ? returnLinks.cancelUrl(payment)
                : returnLinks.returnUrl(payment, merchant.getMerchantNumber()),
            payment.getMaskedCard(),
            payment.getAuthCode(),
            payment.getRrn(),
            payment.getAuthorizedAt() == null
                ? null
                : locale.dateTime(payment.getAuthorizedAt(), zone),
            wallet.offerSave(),
            wallet.cards());
    NewCookie cookie =
        new NewCookie.Builder(FormTokens.COOKIE)
            .value(formCookie)
            .path("/pay")
            .httpOnly(true)
            .sameSite(NewCookie.SameSite.STRICT)
            .build();
    return page.data("page", view)
        .setLocale(locale.locale())
        .createUni()
        .map(html -> PageResponses.html(status, html, cookie));
  }

  private static String refusal(PageMessages words, ProblemException refused) {
    return switch (refused.type()) {
      case "checkout-in-maintenance" -> words.maintenance();
      case "real-card-in-sandbox" -> words.realCardInSandbox();
      case "test-card-in-production" -> words.testCardInProduction();
      default -> throw refused;
    };
  }

  private static String declineText(PageMessages words, String reason) {
    if (reason == null) {
      return words.declined();
    }
    return switch (reason) {
      case "insufficient-funds" -> words.insufficientFunds();
      case "expired-card" -> words.expiredCard();
      case "issuer-timeout" -> words.issuerTimeout();
      case "invalid-card" -> words.invalidCard();
      default -> words.declined();
    };
  }

  static YearMonth parseExpiry(String expiry) {
    if (expiry == null) {
      return null;
    }
    Matcher matcher = EXPIRY.matcher(expiry);
    if (!matcher.matches()) {
      return null;
    }
    int year = Integer.parseInt(matcher.group(2));
    return YearMonth.of(year < 100 ? 2000 + year : year, Integer.parseInt(matcher.group(1)));
  }

  private static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
