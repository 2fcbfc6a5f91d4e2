package io.tasvie.gateway.signing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.MerchantSettingsChangedEvent.Change;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.problem.Unavailability;
import io.tasvie.gateway.settings.MerchantSettings;
import io.tasvie.gateway.settings.repository.SettingsRepository;
import io.tasvie.gateway.settings.service.SettingsService;
import io.tasvie.gateway.settings.service.SettingsService.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Merchants' public keys (several active at once during a rotation, each revocable) and the check
 * of a signed request against them.
 */
@ApplicationScoped
public class MerchantKeys {

  private final SettingsService settingsService;
  private final SettingsRepository settingsRepository;

  public MerchantKeys(SettingsService settingsService, SettingsRepository settingsRepository) {
    this.settingsService = settingsService;
    this.settingsRepository = settingsRepository;
  }

  @WithSession
  public Uni<List<MerchantKey>> list(UUID merchantId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "from MerchantKey where merchantId = ?1 order by keyIndex",
                        MerchantKey.class)
                    .setParameter(1, merchantId)
                    .getResultList());
  }

  /**
   * Adds a key under a new index; an index is never reused, not even a revoked one's. Audited with
   * the merchant's settings.
   */
  public Uni<MerchantKey> add(UUID merchantId, int keyIndex, String pem, Actor actor) {
    PublicKeys.Parsed parsed = PublicKeys.parse(pem);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    MerchantKey key = MerchantKey.of(merchantId, keyIndex, parsed, now);
    return Panache.withTransaction(
            () ->
                Panache.getSession()
                    // Flushed at once: a duplicate index fails here, before anything is audited.
                    .chain(session -> session.persist(key).chain(session::flush))
                    .chain(
                        () ->
                            audit(
                                merchantId,
                                actor,
                                new Change(
                                    "publicKey[" + keyIndex + "]",
                                    null,
                                    parsed.algorithm()
                                        + " "
                                        + parsed.bits()
                                        + " "
                                        + parsed.fingerprint()),
                                now)))
        .replaceWith(key)
        .onFailure(failure -> "merchant_key_pkey".equals(Unavailability.uniqueViolation(failure)))
        .transform(
            failure ->
                ProblemException.conflict(
                    "duplicate-key-index",
                    "Key index " + keyIndex + " is taken; upload the new key under another index"));
  }

  /** Revokes the key at once (revoking twice changes nothing more); audited. */
  public Uni<MerchantKey> revoke(UUID merchantId, int keyIndex, Actor actor) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return Panache.withTransaction(
        () ->
            find(merchantId, keyIndex)
                .onItem()
                .ifNull()
                .failWith(() -> ProblemException.notFound("key", keyIndex))
                .call(
                    key -> {
                      if (!key.isActive()) {
                        return Uni.createFrom().voidItem();
                      }
                      key.revoke(now);
                      return audit(
                          merchantId,
                          actor,
                          new Change(
                              "publicKey[" + keyIndex + "]",
                              MerchantKey.ACTIVE,
                              MerchantKey.REVOKED),
                          now);
                    }));
  }

  private Uni<Void> audit(UUID merchantId, Actor actor, Change change, Instant now) {
    return settingsRepository
        .findById(merchantId)
        .chain(current -> settingsService.audit(current, actor, List.of(change), now));
  }

  /**
   * Checks a request's signature over {@code canonical}. An unsigned request passes unless the
   * merchant requires signed requests; a signed one must verify with an active key of the given
   * index. Must run in a session.
   */
  public Uni<Void> verify(
      UUID merchantId,
      MerchantSettings settings,
      String keyIndex,
      String signature,
      byte[] canonical) {
    boolean signed = signature != null && !signature.isBlank();
    if (!signed) {
      return settings.isRequireSignedRequests()
          ? Uni.createFrom()
              .failure(
                  refused(
                      "signature-required",
                      "This merchant accepts only signed requests: send a Signature and its key"
                          + " index"))
          : Uni.createFrom().voidItem();
    }
    Integer index = parseIndex(keyIndex);
    if (index == null) {
      return Uni.createFrom()
          .failure(refused("unknown-key-index", "The key index is missing or not a number"));
    }
    return find(merchantId, index)
        .invoke(
            key -> {
              if (key == null) {
                throw refused("unknown-key-index", "No key with index " + index);
              }
              if (!key.isActive()) {
                throw refused(
                    "key-revoked", "Key " + index + " was revoked on " + key.getRevokedAt());
              }
              if (!PublicKeys.verifies(key.getPublicKey(), canonical, signature)) {
                throw refused(
                    "invalid-signature",
                    "The signature does not match the request under key " + index);
              }
            })
        .replaceWithVoid();
  }

  private static Uni<MerchantKey> find(UUID merchantId, int keyIndex) {
    return Panache.getSession()
        .chain(s -> s.find(MerchantKey.class, new MerchantKey.Id(merchantId, keyIndex)));
  }

  private static Integer parseIndex(String keyIndex) {
    if (keyIndex == null || !keyIndex.strip().matches("[0-9]{1,4}")) {
      return null;
    }
    return Integer.valueOf(keyIndex.strip());
  }

  private static ProblemException refused(String type, String detail) {
    return new ProblemException(401, type, "Signature refused", detail);
  }
}
