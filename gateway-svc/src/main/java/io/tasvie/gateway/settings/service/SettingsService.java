package io.tasvie.gateway.settings.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.MerchantSettingsChangedEvent;
import io.tasvie.common.contract.MerchantSettingsChangedEvent.Change;
import io.tasvie.common.outbox.Outbox;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.Roles;
import io.tasvie.gateway.merchant.Merchant;
import io.tasvie.gateway.merchant.repository.MerchantRepository;
import io.tasvie.gateway.payment.config.CheckoutConfig;
import io.tasvie.gateway.settings.Discount;
import io.tasvie.gateway.settings.Environment;
import io.tasvie.gateway.settings.MerchantSettings;
import io.tasvie.gateway.settings.SettingsChange;
import io.tasvie.gateway.settings.repository.SettingsRepository;
import io.tasvie.gateway.settings.rest.SettingsRequest;
import io.tasvie.gateway.settings.rest.SettingsRequest.DiscountRequest;
import io.tasvie.gateway.settings.rest.SettingsResponse.SandboxChecks;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads and changes merchants' payment-method settings. Every change is audited (who, when, each
 * field old → new) and published as {@code MerchantSettingsChanged} in the same transaction.
 */
@ApplicationScoped
public class SettingsService {

  /** Who asks: the token's subject and whether it is an admin. */
  public record Actor(String name, boolean admin) {

    public static Actor of(JsonWebToken jwt) {
      return new Actor(jwt.getName(), jwt.getGroups().contains(Roles.ADMIN));
    }

    String role() {
      return admin ? "admin" : "merchant";
    }
  }

  /** A merchant's settings with its callback domains and what its sandbox has seen. */
  public record View(
      MerchantSettings settings, List<String> callbackDomains, SandboxChecks sandboxChecks) {}

  private final SettingsRepository settings;
  private final MerchantRepository merchants;
  private final Outbox outbox;
  private final CheckoutConfig checkout;
  private final NotifyUrls notifyUrls;

  public SettingsService(
      SettingsRepository settings,
      MerchantRepository merchants,
      Outbox outbox,
      CheckoutConfig checkout,
      NotifyUrls notifyUrls) {
    this.notifyUrls = notifyUrls;
    this.settings = settings;
    this.merchants = merchants;
    this.outbox = outbox;
    this.checkout = checkout;
  }

  @WithSession
  public Uni<View> get(UUID merchantId) {
    return merchant(merchantId)
        .chain(merchant -> settings.findById(merchantId).chain(current -> view(merchant, current)));
  }

  @WithSession
  public Uni<List<SettingsChange>> changes(UUID merchantId, int page, int size) {
    return merchant(merchantId).chain(merchant -> settings.changes(merchantId, page, size));
  }

  /** Replaces a merchant's settings with {@code request}; answers them as they now are. */
  public Uni<View> update(UUID merchantId, SettingsRequest request, Actor actor) {
    return Panache.withSession(
            () ->
                merchant(merchantId)
                    .chain(
                        merchant ->
                            settings
                                .findById(merchantId)
                                .map(current -> Map.entry(merchant, current))))
        .chain(
            read -> {
              MerchantSettings requested = toSettings(read.getKey(), request);
              Environment checkedFor = effective(requested, read.getValue());
              // The notify URL's host is resolved off the event loop, before any lock is taken.
              return notifyUrls
                  .check(requested.getNotifyUrl(), checkedFor)
                  .chain(
                      () ->
                          Panache.withTransaction(
                              () ->
                                  settings
                                      .lock(merchantId)
                                      .chain(
                                          current ->
                                              apply(
                                                  merchantId,
                                                  current,
                                                  requested,
                                                  checkedFor,
                                                  domains(request.callbackDomains()),
                                                  actor))));
            });
  }

  /** The environment the settings will be in: the requested one, or else the current one. */
  private static Environment effective(MerchantSettings requested, MerchantSettings current) {
    return requested.getEnvironment() == null
        ? current.getEnvironment()
        : requested.getEnvironment();
  }

  private Uni<View> apply(
      UUID merchantId,
      MerchantSettings current,
      MerchantSettings requested,
      Environment checkedFor,
      List<String> domains,
      Actor actor) {
    Environment environment = effective(requested, current);
    MerchantSettings next = withEnvironment(requested, environment);
    // An admin changed the environment meanwhile: check the URL for the one it is now in.
    Uni<Void> url =
        environment == checkedFor
            ? Uni.createFrom().voidItem()
            : notifyUrls.check(next.getNotifyUrl(), environment);
    return url.chain(() -> merchants.findById(merchantId))
        .chain(
            merchant ->
                settings
                    .sandboxChecks(merchantId)
                    .chain(
                        checks -> {
                          if (environment != current.getEnvironment()) {
                            requireAllowed(environment, actor, checks);
                          }
                          List<Change> changes = diff(current, next);
                          if (!merchant.getCallbackDomains().equals(domains)) {
                            changes.add(
                                new Change(
                                    "callbackDomains",
                                    String.join(",", merchant.getCallbackDomains()),
                                    String.join(",", domains)));
                          }
                          if (changes.isEmpty()) {
                            return view(merchant, current, checks);
                          }
                          Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                          current.replaceWith(next, now);
                          merchant.changeCallbackDomains(domains);
                          return audit(current, actor, changes, now)
                              .replaceWith(new View(current, domains, checks));
                        }));
  }

  /**
   * Records {@code changes} of the merchant whose settings are {@code current} in its audit trail
   * and publishes them; must run in the transaction that made them. Key uploads and revocations are
   * audited here too.
   */
  public Uni<Void> audit(MerchantSettings current, Actor actor, List<Change> changes, Instant now) {
    UUID merchantId = current.getMerchantId();
    return settings
        .record(SettingsChange.record(merchantId, actor.name(), actor.role(), changes, now))
        .chain(
            () ->
                outbox.publish(
                    new MerchantSettingsChangedEvent(
                        merchantId,
                        actor.name(),
                        actor.role(),
                        changes,
                        current.getEnvironment().name(),
                        current.isMaintenance(),
                        now)));
  }

  /** Only an admin moves a merchant between environments, and to production only when ready. */
  private static void requireAllowed(Environment environment, Actor actor, SandboxChecks checks) {
    if (!actor.admin()) {
      throw new ProblemException(
          403,
          "environment-needs-admin",
          "Forbidden",
          "Only an admin moves a merchant to " + environment);
    }
    if (environment == Environment.PRODUCTION && !checks.passed()) {
      throw new ProblemException(
          409,
          "sandbox-checks-incomplete",
          "Sandbox checks incomplete",
          "Production needs a successful sandbox payment that was verified and a sandbox refund;"
              + " missing: "
              + String.join(", ", checks.missing()),
          Map.of("missing", checks.missing()));
    }
  }

  private MerchantSettings toSettings(Merchant merchant, SettingsRequest request) {
    Long min = request.minAmount();
    Long max = request.maxAmount();
    if (min != null && max != null && min > max) {
      throw ProblemException.badRequest(
          "min-above-max",
          "minAmount "
              + min
              + " is above maxAmount "
              + max
              + "; card payment would never be offered");
    }
    CheckoutConfig.AmountLimits limits = checkout.currencies().get(merchant.getCurrency());
    if (limits != null
        && (min != null && (min < limits.min() || min > limits.max())
            || max != null && (max < limits.min() || max > limits.max()))) {
      throw ProblemException.badRequest(
          "amount-limit-out-of-range",
          "minAmount and maxAmount must lie within checkout's limits for "
              + merchant.getCurrency()
              + ": "
              + limits.min()
              + " to "
              + limits.max());
    }
    Discount discount = discount(request.discount(), min);
    return MerchantSettings.of(
        merchant.getId(),
        request.storeId(),
        request.walletNumber(),
        request.environment(),
        min,
        max,
        discount,
        Boolean.TRUE.equals(request.maintenance()),
        request.notifyUrl() == null || request.notifyUrl().isBlank()
            ? null
            : request.notifyUrl().strip(),
        Boolean.TRUE.equals(request.saveCards()),
        Boolean.TRUE.equals(request.requireSignedRequests()));
  }

  private static Discount discount(DiscountRequest request, Long minAmount) {
    if (request == null) {
      return null;
    }
    return switch (request.type()) {
      case FIXED -> {
        if (request.amount() == null || request.percent() != null || request.cap() != null) {
          throw invalidDiscount("A FIXED discount has an amount, and no percent or cap");
        }
        if (minAmount != null && request.amount() >= minAmount) {
          throw ProblemException.badRequest(
              "discount-above-amount",
              "A discount of "
                  + request.amount()
                  + " would take the whole of the smallest order ("
                  + minAmount
                  + ")");
        }
        yield new Discount(Discount.Type.FIXED, request.amount(), null);
      }
      case PERCENT -> {
        BigDecimal percent = request.percent();
        if (percent == null || request.amount() != null) {
          throw invalidDiscount(
              "A PERCENT discount has a percent (and an optional cap), no amount");
        }
        if (percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
          throw ProblemException.badRequest(
              "discount-above-100-percent",
              "A discount of " + percent.toPlainString() + " % leaves nothing to pay");
        }
        if (percent.stripTrailingZeros().scale() > 2) {
          throw invalidDiscount("The percent may have at most two decimals");
        }
        yield new Discount(
            Discount.Type.PERCENT, percent.movePointRight(2).longValueExact(), request.cap());
      }
    };
  }

  private static ProblemException invalidDiscount(String detail) {
    return ProblemException.badRequest("invalid-discount", detail);
  }

  private static List<String> domains(List<String> requested) {
    return requested.stream().map(d -> d.toLowerCase(Locale.ROOT)).distinct().toList();
  }

  private static MerchantSettings withEnvironment(MerchantSettings s, Environment environment) {
    return MerchantSettings.of(
        s.getMerchantId(),
        s.getStoreId(),
        s.getWalletNumber(),
        environment,
        s.getMinAmount(),
        s.getMaxAmount(),
        s.getDiscount(),
        s.isMaintenance(),
        s.getNotifyUrl(),
        s.isSaveCards(),
        s.isRequireSignedRequests());
  }

  /** The fields that differ, as the API names them. */
  private static List<Change> diff(MerchantSettings before, MerchantSettings after) {
    Map<String, Function<MerchantSettings, Object>> fields = new java.util.LinkedHashMap<>();
    fields.put("storeId", MerchantSettings::getStoreId);
    fields.put("walletNumber", MerchantSettings::getWalletNumber);
    fields.put("environment", MerchantSettings::getEnvironment);
    fields.put("minAmount", MerchantSettings::getMinAmount);
    fields.put("maxAmount", MerchantSettings::getMaxAmount);
    fields.put("discount", MerchantSettings::getDiscount);
    fields.put("maintenance", MerchantSettings::isMaintenance);
    fields.put("notifyUrl", MerchantSettings::getNotifyUrl);
    fields.put("saveCards", MerchantSettings::isSaveCards);
    fields.put("requireSignedRequests", MerchantSettings::isRequireSignedRequests);
    List<Change> changes = new ArrayList<>();
    fields.forEach(
        (field, value) -> {
          Object from = value.apply(before);
          Object to = value.apply(after);
          if (!Objects.equals(from, to)) {
            changes.add(
                new Change(
                    field,
                    from == null ? null : from.toString(),
                    to == null ? null : to.toString()));
          }
        });
    return changes;
  }

  private Uni<Merchant> merchant(UUID merchantId) {
    return merchants
        .findById(merchantId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("merchant", merchantId));
  }

  private Uni<View> view(Merchant merchant, MerchantSettings current) {
    return settings
        .sandboxChecks(merchant.getId())
        .chain(checks -> view(merchant, current, checks));
  }

  private static Uni<View> view(Merchant merchant, MerchantSettings current, SandboxChecks checks) {
    return Uni.createFrom().item(new View(current, merchant.getCallbackDomains(), checks));
  }
}
