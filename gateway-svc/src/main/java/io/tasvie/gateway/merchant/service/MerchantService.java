package io.tasvie.gateway.merchant.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.country.Countries;
import io.tasvie.common.crypto.SecretHasher;
import io.tasvie.common.money.Money;
import io.tasvie.common.outbox.Outbox;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.gateway.merchant.Merchant;
import io.tasvie.gateway.merchant.mapping.MerchantMapper;
import io.tasvie.gateway.merchant.repository.MerchantRepository;
import io.tasvie.gateway.merchant.rest.RegisterMerchantRequest;
import io.tasvie.gateway.settings.MerchantSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@ApplicationScoped
public class MerchantService {

  private final MerchantRepository merchants;
  private final Outbox outbox;
  private final SecretHasher hasher;

  public MerchantService(MerchantRepository merchants, Outbox outbox, SecretHasher hasher) {
    this.merchants = merchants;
    this.outbox = outbox;
    this.hasher = hasher;
  }

  /** A merchant and its secret, which exists in clear only in this answer. */
  public record Registration(Merchant merchant, String secret) {}

  public Uni<Registration> register(RegisterMerchantRequest request) {
    if (!Countries.isKnown(request.country())) {
      throw ProblemException.badRequest(
          "unknown-country", request.country() + " is not an ISO 3166-1 country");
    }
    try {
      Money.currency(request.currency());
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("unknown-currency", e.getMessage());
    }
    List<String> domains =
        request.callbackDomains().stream().map(d -> d.toLowerCase(Locale.ROOT)).distinct().toList();
    String secret = SecretHasher.newSecret();
    // Hash before the transaction: bcrypt is slow on purpose and must not hold a connection.
    return hasher
        .hash(secret)
        .chain(
            hash ->
                Panache.withTransaction(
                    () ->
                        merchants
                            .nextMerchantNumber()
                            .map(
                                number ->
                                    Merchant.register(
                                        number,
                                        request.name().strip(),
                                        request.country(),
                                        request.currency(),
                                        domains,
                                        hash,
                                        Instant.now().truncatedTo(ChronoUnit.MICROS)))
                            .call(merchants::persist)
                            .call(
                                m ->
                                    Panache.getSession()
                                        .chain(
                                            session ->
                                                session.persist(
                                                    MerchantSettings.defaults(
                                                        m.getId(), m.getRegisteredAt()))))
                            .call(m -> outbox.publish(MerchantMapper.toRegisteredEvent(m)))))
        .map(merchant -> new Registration(merchant, secret));
  }

  @WithSession
  public Uni<Merchant> find(UUID merchantId) {
    return merchants.findById(merchantId);
  }

  @WithSession
  public Uni<Merchant> findByMerchantNumber(String merchantNumber) {
    return merchants.findByMerchantNumber(merchantNumber);
  }
}
