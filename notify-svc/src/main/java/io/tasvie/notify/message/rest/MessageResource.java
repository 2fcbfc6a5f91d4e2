package io.tasvie.notify.message.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.merchant.MerchantProjection;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.common.security.MerchantClaim;
import io.tasvie.common.security.Roles;
import io.tasvie.notify.dispatch.Dispatcher;
import io.tasvie.notify.email.EmailAddresses;
import io.tasvie.notify.message.Message;
import io.tasvie.notify.message.Message.Channel;
import io.tasvie.notify.message.Message.Status;
import io.tasvie.notify.message.repository.MessageRepository;
import io.tasvie.notify.message.service.MessageService;
import io.tasvie.notify.phone.PhoneNumbers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Messages and their delivery: a merchant sees its own, an admin every merchant's. */
@Path("/v1/messages")
@RolesAllowed({Roles.ADMIN, Roles.MERCHANT})
public class MessageResource {

  private final MessageRepository messages;
  private final MessageService service;
  private final Dispatcher dispatcher;
  private final JsonWebToken jwt;
  private final ObjectMapper mapper;
  private final Validator validator;

  public MessageResource(
      MessageRepository messages,
      MessageService service,
      Dispatcher dispatcher,
      JsonWebToken jwt,
      ObjectMapper mapper,
      Validator validator) {
    this.messages = messages;
    this.service = service;
    this.dispatcher = dispatcher;
    this.jwt = jwt;
    this.mapper = mapper;
    this.validator = validator;
  }

  public record MessagePage(List<MessageResponse> items, int page, int size, boolean hasMore) {}

  /** Both optional: the number the receipt goes to now, and the language it is written in. */
  public record ResendRequest(
      @Size(max = 40) String phoneNumber,
      @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code such as sq")
          String language) {}

  @GET
  @Path("{messageId}")
  public Uni<MessageResponse> get(@RestPath UUID messageId) {
    UUID scope = MerchantClaim.scope(jwt);
    return messages
        .find(messageId)
        .chain(
            m -> {
              if (m == null || (scope != null && !scope.equals(m.merchantId()))) {
                throw ProblemException.notFound("message", messageId);
              }
              return messages
                  .parts(List.of(m.id()))
                  .map(parts -> MessageResponse.of(m, parts.get(m.id())));
            });
  }

  /**
   * {@code recipient} as typed ({@code 383 44 123 456}: read in the merchant's country) or in
   * E.164, or an e-mail address.
   */
  @GET
  @WithSession
  public Uni<MessagePage> list(
      @RestQuery UUID transactionId,
      @RestQuery String recipient,
      @RestQuery String status,
      @RestQuery @Min(0) @Max(10_000) Integer page,
      @RestQuery @Min(1) @Max(100) Integer size) {
    UUID scope = MerchantClaim.scope(jwt);
    Status wanted = ProblemException.enumValue(Status.class, "status", status);
    int pageNumber = page == null ? 0 : page;
    int pageSize = size == null ? 20 : size;
    return recipientKey(scope, recipient)
        .chain(key -> messages.list(scope, transactionId, key, wanted, pageNumber, pageSize + 1))
        .chain(
            found -> {
              List<Message> shown = found.stream().limit(pageSize).toList();
              return messages
                  .parts(shown.stream().map(Message::id).toList())
                  .map(
                      parts ->
                          new MessagePage(
                              shown.stream()
                                  .map(m -> MessageResponse.of(m, parts.get(m.id())))
                                  .toList(),
                              pageNumber,
                              pageSize,
                              found.size() > pageSize));
            });
  }

  /**
   * Sends a receipt again as a new message (its {@code resendOf} names the original); with the same
   * {@code Idempotency-Key}, the same resend is answered instead of a second one.
   */
  @POST
  @Path("{messageId}/resend")
  @Consumes(MediaType.WILDCARD) // the body is optional: read below, so that none needs no type
  public Uni<Response> resend(
      @RestPath UUID messageId,
      @HeaderParam("Idempotency-Key") @Size(max = 200) String idempotencyKey,
      String body)
      throws JsonProcessingException {
    UUID scope = MerchantClaim.scope(jwt);
    ResendRequest request =
        body == null || body.isBlank() ? null : mapper.readValue(body, ResendRequest.class);
    if (request != null) {
      var violations = validator.validate(request);
      if (!violations.isEmpty()) {
        throw new ConstraintViolationException(violations);
      }
    }
    return service
        .resend(
            messageId,
            scope,
            request == null ? null : request.phoneNumber(),
            request == null ? null : request.language(),
            idempotencyKey)
        .map(
            created -> {
              dispatcher.wake(Channel.SMS);
              return Response.created(URI.create("/v1/messages/" + created.id()))
                  .entity(MessageResponse.of(created, List.of()))
                  .build();
            });
  }

  private Uni<String> recipientKey(UUID scope, String recipient) {
    if (recipient == null || recipient.isBlank()) {
      return Uni.createFrom().nullItem();
    }
    if (recipient.contains("@")) {
      String address = EmailAddresses.normalise(recipient.strip());
      if (address == null) {
        throw ProblemException.badRequest(
            "invalid-recipient", "recipient is not an e-mail address");
      }
      return Uni.createFrom().item(address);
    }
    Uni<String> region =
        scope == null
            ? Uni.createFrom().item("ZZ")
            : Panache.getSession()
                .chain(s -> s.find(MerchantProjection.class, scope))
                .map(m -> m == null ? "ZZ" : m.getCountry());
    return region.map(
        country -> {
          PhoneNumbers.Result phone =
              PhoneNumbers.mobile(recipient, country, Set.of(PhoneNumbers.ANY_COUNTRY));
          if (!phone.accepted()) {
            throw ProblemException.badRequest(
                "invalid-recipient", "recipient " + phone.refusal().message());
          }
          return phone.e164();
        });
  }
}
