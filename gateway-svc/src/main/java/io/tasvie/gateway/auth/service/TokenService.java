package io.tasvie.gateway.auth.service;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.crypto.SecretHasher;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.Roles;
import io.tasvie.gateway.auth.config.AuthConfig;
import io.tasvie.gateway.auth.lockout.CredentialGuard;
import io.tasvie.gateway.auth.lockout.RetryLaterException;
import io.tasvie.gateway.auth.rest.TokenResponse;
import io.tasvie.gateway.merchant.Merchant;
import io.tasvie.gateway.merchant.service.MerchantService;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Issues access tokens to clients that prove their secret (OAuth 2.0 client credentials). */
@ApplicationScoped
public class TokenService {

  public static final String CLIENT_CREDENTIALS = "client_credentials";

  private final AuthConfig config;
  private final MerchantService merchants;
  private final SecretHasher hasher;
  private final CredentialGuard guard;

  public TokenService(
      AuthConfig config, MerchantService merchants, SecretHasher hasher, CredentialGuard guard) {
    this.config = config;
    this.merchants = merchants;
    this.hasher = hasher;
    this.guard = guard;
  }

  /**
   * Issues a token to {@code clientId} if {@code clientSecret} is its secret. Every attempt goes
   * through the {@link CredentialGuard}: too many wrong secrets lock the client (also for PayRep,
   * which checks the same merchant secret), too many from one {@code source} address throttle it.
   */
  public Uni<TokenResponse> issue(
      String grantType, String clientId, String clientSecret, String source) {
    if (grantType == null || grantType.isBlank()) {
      throw oauthError(400, "invalid_request", "grant_type is required");
    }
    if (!CLIENT_CREDENTIALS.equals(grantType)) {
      throw oauthError(400, "unsupported_grant_type", "only client_credentials is supported");
    }
    if (clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isEmpty()) {
      throw oauthError(400, "invalid_request", "client_id and client_secret are required");
    }
    AuthConfig.StaticClient bootstrapped = config.clients().get(clientId);
    if (bootstrapped != null) {
      return guarded(
          clientId,
          source,
          () ->
              Uni.createFrom()
                  .item(
                      bootstrapped
                          .secret()
                          .map(secret -> constantTimeEquals(secret, clientSecret))
                          .orElse(false)),
          () -> sign(clientId, bootstrapped.role(), Map.of()));
    }
    return merchants
        .findByMerchantNumber(clientId)
        .chain(
            merchant ->
                guarded(
                    merchant == null ? null : merchant.getMerchantNumber(),
                    source,
                    // An unknown client is hashed too: it answers as slowly as a wrong secret.
                    () ->
                        hasher.matches(
                            clientSecret, merchant == null ? null : merchant.getSecretHash()),
                    () -> merchantToken(merchant)));
  }

  private Uni<TokenResponse> guarded(
      String credential,
      String source,
      Supplier<Uni<Boolean>> check,
      Supplier<TokenResponse> token) {
    return guard
        .admit(credential, source)
        .chain(
            admission -> {
              if (!admission.open()) {
                throw refused(admission);
              }
              return check
                  .get()
                  .call(valid -> guard.settle(credential, source, valid))
                  .map(
                      valid -> {
                        if (!valid) {
                          throw invalidClient();
                        }
                        return token.get();
                      });
            });
  }

  private static RetryLaterException refused(CredentialGuard.Admission admission) {
    Map<String, Object> oauth = Map.of("error", "invalid_client");
    return switch (admission.verdict()) {
      case THROTTLED ->
          new RetryLaterException(
              429,
              "too-many-failed-attempts",
              "Too many failed attempts",
              "Too many wrong secrets came from this address; try again later",
              admission.until(),
              oauth);
      case BUSY ->
          new RetryLaterException(
              429,
              "attempts-in-progress",
              "Too many attempts at once",
              "As many attempts as allowed are being checked right now; try again in a moment",
              admission.until(),
              oauth);
      default ->
          new RetryLaterException(
              401,
              "client-locked",
              "Client authentication failed",
              "Too many wrong secrets: this client is locked until "
                  + admission.until().truncatedTo(ChronoUnit.SECONDS)
                  + " or until an admin unlocks it",
              admission.until(),
              oauth);
    };
  }

  private TokenResponse merchantToken(Merchant merchant) {
    return sign(
        merchant.getMerchantNumber(),
        Roles.MERCHANT,
        Map.of("merchant_id", merchant.getId().toString()));
  }

  private TokenResponse sign(String clientId, String role, Map<String, Object> claims) {
    var builder =
        Jwt.issuer("tasvie")
            .subject(clientId)
            .upn(clientId)
            .groups(Set.of(role))
            .expiresIn(config.tokenLifetime());
    claims.forEach(builder::claim);
    return new TokenResponse(builder.sign(), "Bearer", config.tokenLifetime().toSeconds(), role);
  }

  private static boolean constantTimeEquals(String expected, String given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static ProblemException invalidClient() {
    return oauthError(401, "invalid_client", "unknown client or wrong secret");
  }

  /** A problem that also carries the RFC 6749 {@code error} code OAuth clients look for. */
  private static ProblemException oauthError(int status, String error, String detail) {
    return new ProblemException(
        status,
        error.replace('_', '-'),
        status == 401 ? "Client authentication failed" : "Invalid token request",
        detail,
        Map.of("error", error));
  }
}
