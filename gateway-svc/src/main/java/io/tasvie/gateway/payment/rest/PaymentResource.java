package io.tasvie.gateway.payment.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.MerchantClaim;
import io.tasvie.common.security.Roles;
import io.tasvie.gateway.idempotency.IdempotencyKeys;
import io.tasvie.gateway.merchant.Merchant;
import io.tasvie.gateway.merchant.repository.MerchantRepository;
import io.tasvie.gateway.payment.Payment;
import io.tasvie.gateway.payment.PaymentOrigin;
import io.tasvie.gateway.payment.PaymentStatus;
import io.tasvie.gateway.payment.mapping.PaymentMapper;
import io.tasvie.gateway.payment.repository.PaymentRepository.PaymentSearch;
import io.tasvie.gateway.payment.service.NewPayment;
import io.tasvie.gateway.payment.service.PaymentService;
import io.tasvie.gateway.payment.service.VerifyResult;
import io.tasvie.gateway.settings.repository.SettingsRepository;
import io.tasvie.gateway.signing.Canonical;
import io.tasvie.gateway.signing.MerchantKeys;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The merchant's checkout API. A merchant sees only its own payments: others are 404. Any other
 * token (admin, finance, wallet) is 403 {@code not-a-merchant-token}.
 */
@Path("/v1/payments")
@Authenticated
public class PaymentResource {

  private final PaymentService payments;
  private final MerchantRepository merchants;
  private final IdempotencyKeys idempotency;
  private final PaymentPageLinks links;
  private final ObjectMapper mapper;
  private final JsonWebToken jwt;
  private final SettingsRepository settings;
  private final MerchantKeys keys;
  private final Validator validator;

  public PaymentResource(
      SettingsRepository settings,
      MerchantKeys keys,
      Validator validator,
      PaymentService payments,
      MerchantRepository merchants,
      IdempotencyKeys idempotency,
      PaymentPageLinks links,
      ObjectMapper mapper,
      JsonWebToken jwt) {
    this.payments = payments;
    this.merchants = merchants;
    this.idempotency = idempotency;
    this.links = links;
    this.mapper = mapper;
    this.jwt = jwt;
    this.settings = settings;
    this.keys = keys;
    this.validator = validator;
  }

  /**
   * Creates a payment. The body is read as bytes so that a signature ({@code Tasvie-Signature} with
   * {@code Tasvie-Key-Index}) can be checked over exactly what the merchant sent.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<Response> create(
      byte[] body,
      @RestHeader("Idempotency-Key") String idempotencyKey,
      @RestHeader(Canonical.SIGNATURE_HEADER) String signature,
      @RestHeader(Canonical.KEY_INDEX_HEADER) String keyIndex,
      UriInfo uri)
      throws IOException {
    UUID merchantId = merchantId();
    CreatePaymentRequest request = read(body);
    byte[] canonical = Canonical.of("POST", "/v1/payments", body);
    NewPayment payment =
        new NewPayment(
            request.merchantReference(),
            request.amount(),
            request.currency(),
            request.payerName(),
            request.description(),
            request.redirectUrl(),
            request.customerId(),
            PaymentOrigin.API);
    return Panache.withSession(
            () ->
                settings
                    .findById(merchantId)
                    .call(
                        merchantSettings ->
                            keys.verify(
                                merchantId, merchantSettings, keyIndex, signature, canonical)))
        .chain(
            merchantSettings ->
                Panache.withTransaction(
                    () ->
                        idempotency.once(
                            merchantId,
                            idempotencyKey,
                            "POST /v1/payments " + json(request),
                            201,
                            () ->
                                merchants
                                    .findById(merchantId)
                                    .chain(
                                        merchant ->
                                            payments.create(
                                                requireMerchant(merchant),
                                                merchantSettings,
                                                payment))
                                    .map(created -> toResponse(created, uri)))))
        .map(
            outcome ->
                respond(
                    outcome,
                    uri.getAbsolutePathBuilder().path(paymentIdOf(outcome.body())).build()));
  }

  @GET
  @Path("{paymentId}")
  public Uni<PaymentResponse> get(@RestPath UUID paymentId, UriInfo uri) {
    return mine(paymentId).map(payment -> toResponse(payment, uri));
  }

  /** {@code status=AUTHORIZED} lists payments paid but not verified yet, for reconciliation. */
  @GET
  public Uni<PaymentListResponse> list(
      @RestQuery String merchantReference,
      @RestQuery String status,
      @RestQuery Instant from,
      @RestQuery Instant to,
      @RestQuery @Min(0) Integer page,
      @RestQuery @Min(1) @Max(100) Integer size,
      UriInfo uri) {
    int pageIndex = page == null ? 0 : page;
    int pageSize = size == null ? 20 : size;
    PaymentSearch search =
        new PaymentSearch(
            merchantId(),
            merchantReference,
            ProblemException.enumValue(PaymentStatus.class, "status", status),
            from,
            to);
    // One more than a page tells whether another page follows.
    return payments
        .search(search, pageIndex * pageSize, pageSize + 1)
        .map(
            found -> {
              List<PaymentResponse> items =
                  found.stream().limit(pageSize).map(p -> toResponse(p, uri)).toList();
              return new PaymentListResponse(items, pageIndex, pageSize, found.size() > pageSize);
            });
  }

  @POST
  @Path("{paymentId}/verify")
  public Uni<VerifyPaymentResponse> verify(
      @RestPath UUID paymentId, @Valid @NotNull VerifyPaymentRequest request, UriInfo uri) {
    return payments
        .verify(merchantId(), paymentId, request.amount())
        .map(
            verification -> {
              Payment payment = verification.payment();
              VerifyResult result = verification.result();
              if (!result.isCaptured()) {
                throw verifyProblem(result, payment);
              }
              return new VerifyPaymentResponse(result, toResponse(payment, uri));
            });
  }

  @POST
  @Path("{paymentId}/reverse")
  public Uni<PaymentResponse> reverse(@RestPath UUID paymentId, UriInfo uri) {
    return payments.reverse(merchantId(), paymentId).map(payment -> toResponse(payment, uri));
  }

  @POST
  @Path("{paymentId}/refunds")
  public Uni<Response> refund(
      @RestPath UUID paymentId,
      @Valid @NotNull RefundRequest request,
      @RestHeader("Idempotency-Key") String idempotencyKey) {
    UUID merchantId = merchantId();
    Supplier<Uni<RefundResponse>> work =
        () ->
            payments
                .refund(merchantId, paymentId, request.amount(), request.reason())
                .map(refunded -> PaymentMapper.toResponse(refunded.refund(), refunded.payment()));
    return Panache.withTransaction(
            () ->
                idempotency.once(
                    merchantId,
                    idempotencyKey,
                    "POST /v1/payments/" + paymentId + "/refunds " + json(request),
                    201,
                    work))
        .map(outcome -> respond(outcome, null));
  }

  @GET
  @Path("{paymentId}/refunds")
  public Uni<List<RefundResponse>> refunds(@RestPath UUID paymentId) {
    return mine(paymentId)
        .chain(
            payment ->
                payments
                    .refundsOf(paymentId)
                    .map(
                        list ->
                            list.stream()
                                .map(refund -> PaymentMapper.toResponse(refund, payment))
                                .toList()));
  }

  private Uni<Payment> mine(UUID paymentId) {
    return payments
        .findForMerchant(paymentId, merchantId())
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("payment", paymentId));
  }

  private static ProblemException verifyProblem(VerifyResult result, Payment payment) {
    return switch (result) {
      case AMOUNT_MISMATCH ->
          new ProblemException(
              422,
              "amount-mismatch",
              "Amount mismatch",
              "The payment is for an order of "
                  + payment.getOrderAmount()
                  + " "
                  + payment.getCurrency()
                  + "; nothing was captured",
              Map.of("amount", payment.getOrderAmount()));
      case WINDOW_CLOSED ->
          new ProblemException(
              409,
              "verify-window-closed",
              "Verify window closed",
              "The payment was not verified by "
                  + payment.getVerifyDeadline()
                  + " and is being reversed");
      default ->
          new ProblemException(
              409,
              "payment-not-authorized",
              "Payment not authorised",
              "There is no authorisation to verify: the payment is " + payment.getStatus());
    };
  }

  /** The response as first sent (and kept with the idempotency key), marked when replayed. */
  private static Response respond(IdempotencyKeys.Outcome outcome, URI location) {
    Response.ResponseBuilder response =
        Response.status(outcome.status()).entity(outcome.body()).type(MediaType.APPLICATION_JSON);
    if (location != null) {
      response.location(location);
    }
    return (outcome.replayed() ? response.header("Idempotent-Replayed", "true") : response).build();
  }

  private PaymentResponse toResponse(Payment payment, UriInfo uri) {
    return PaymentMapper.toResponse(payment, links.pageUrl(payment.getId(), uri));
  }

  private static Merchant requireMerchant(Merchant merchant) {
    if (merchant == null) {
      throw new ProblemException(
          403, "unknown-merchant", "Unknown merchant", "The token's merchant does not exist");
    }
    return merchant;
  }

  /** The token's merchant; 403 not-a-merchant-token for a token of another role. */
  private UUID merchantId() {
    if (!jwt.getGroups().contains(Roles.MERCHANT)) {
      throw new ProblemException(
          403,
          "not-a-merchant-token",
          "Forbidden",
          "The payments API needs a merchant's own token; this one is for "
              + String.join(", ", jwt.getGroups()));
    }
    return MerchantClaim.of(jwt);
  }

  private CreatePaymentRequest read(byte[] body) throws IOException {
    CreatePaymentRequest request =
        body == null || body.length == 0
            ? null
            : mapper.readValue(body, CreatePaymentRequest.class);
    if (request == null) {
      throw new ProblemException(
          400, "malformed-request", "Malformed request", "The request needs a JSON object body");
    }
    Set<ConstraintViolation<CreatePaymentRequest>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return request;
  }

  private String json(Object request) {
    try {
      return mapper.writeValueAsString(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private String paymentIdOf(String createdBody) {
    try {
      return mapper.readTree(createdBody).path("paymentId").asText();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
