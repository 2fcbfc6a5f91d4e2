package io.tasvie.notify.message.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.contract.ActivationCodeIssuedEvent;
import io.tasvie.common.contract.ReceiptRequestedEvent;
import io.tasvie.common.inbox.PoisonMessageException;
import io.tasvie.common.merchant.MerchantProjection;
import io.tasvie.common.money.Money;
import io.tasvie.common.problem.ProblemException;
import io.tasvie.notify.activation.ActivationEmail;
import io.tasvie.notify.config.NotifyConfig;
import io.tasvie.notify.email.EmailAddresses;
import io.tasvie.notify.message.Message;
import io.tasvie.notify.message.Message.Channel;
import io.tasvie.notify.message.Message.Kind;
import io.tasvie.notify.message.Message.Status;
import io.tasvie.notify.message.MessageMerchant;
import io.tasvie.notify.message.NewMessage;
import io.tasvie.notify.message.repository.MessageRepository;
import io.tasvie.notify.phone.PhoneNumbers;
import io.tasvie.notify.receipt.Receipt;
import io.tasvie.notify.receipt.ReceiptRenderer;
import io.tasvie.notify.settings.MerchantMessaging;
import io.tasvie.notify.settlement.TransactionSettlement;
import io.tasvie.notify.settlement.repository.TransactionSettlementRepository;
import io.tasvie.notify.sms.SmsText;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns requests into messages: receipts (SMS) from {@code ReceiptRequested} and resends,
 * activation codes (e-mail) from {@code ActivationCodeIssued}. A request that can never be sent (a
 * landline, an address with a line break) becomes a REJECTED message with the reason, so that the
 * merchant sees why; a request that is malformed is refused as poison (dead-lettered).
 */
@ApplicationScoped
public class MessageService {

  private static final Duration EMAIL_VALIDITY = Duration.ofDays(7);

  private final MessageRepository messages;
  private final TransactionSettlementRepository settlements;
  private final ReceiptRenderer receipts;
  private final ActivationEmail activationEmail;
  private final NotifyConfig config;
  private final ObjectMapper mapper;

  public MessageService(
      MessageRepository messages,
      TransactionSettlementRepository settlements,
      ReceiptRenderer receipts,
      ActivationEmail activationEmail,
      NotifyConfig config,
      ObjectMapper mapper) {
    this.messages = messages;
    this.settlements = settlements;
    this.receipts = receipts;
    this.activationEmail = activationEmail;
    this.config = config;
    this.mapper = mapper;
  }

  /** A request carried by a consumed event; the event's id makes the message's idempotency key. */
  public record Requested<T>(String eventId, T event) {}

  /**
   * Messages for a batch of receipt requests, in the caller's transaction (the batch inbox's): the
   * merchants and settlement dates they need read in two statements, each message composed here,
   * all written in one.
   *
   * @throws PoisonMessageException (or fails with it) for a request that can never be sent
   */
  public Uni<Void> queueReceipts(
      SqlConnection transaction, List<Requested<ReceiptRequestedEvent>> requests) {
    Set<UUID> merchantIds = new HashSet<>();
    Set<UUID> unsettled = new HashSet<>();
    for (Requested<ReceiptRequestedEvent> request : requests) {
      checkReceiptRequest(request.eventId(), request.event());
      merchantIds.add(request.event().merchantId());
      if (request.event().settlementDate() == null) {
        unsettled.add(request.event().transactionId());
      }
    }
    return messages
        .merchants(transaction, merchantIds)
        .chain(
            merchants ->
                settlements
                    .settlementDates(transaction, unsettled)
                    .map(
                        dates -> {
                          List<NewMessage> batch = new ArrayList<>(requests.size());
                          for (Requested<ReceiptRequestedEvent> request : requests) {
                            batch.add(receiptMessage(request, merchants, dates));
                          }
                          return batch;
                        }))
        .chain(batch -> messages.insertAll(transaction, batch));
  }

  private NewMessage receiptMessage(
      Requested<ReceiptRequestedEvent> request,
      Map<UUID, MessageMerchant> merchants,
      Map<UUID, LocalDate> settlementDates) {
    String eventId = request.eventId();
    ReceiptRequestedEvent event = request.event();
    MessageMerchant merchant = merchants.get(event.merchantId());
    if (merchant == null || !merchant.known()) {
      throw new PoisonMessageException(
          "ReceiptRequested " + eventId + ": merchant " + event.merchantId() + " unknown");
    }
    LocalDate settled =
        event.settlementDate() != null
            ? event.settlementDate()
            : settlementDates.get(event.transactionId());
    Receipt receipt = receipt(event, merchant, settled);
    String language = language(event.language(), merchant);
    try {
      return receiptMessage(
              "receipt:" + eventId,
              merchant,
              receipt,
              event.transactionId(),
              event.phoneNumber(),
              language,
              null)
          .message();
    } catch (IllegalArgumentException e) {
      throw new PoisonMessageException("ReceiptRequested " + eventId + ": " + e.getMessage());
    }
  }

  /**
   * A new message for the receipt of {@code original}, to its number or {@code phoneNumber}, in its
   * language or {@code language}; the same {@code idempotencyKey} answers the same resend.
   *
   * @param scope the merchant the caller is confined to, null for an admin
   */
  public Uni<Message> resend(
      UUID originalId, UUID scope, String phoneNumber, String language, String idempotencyKey) {
    String key =
        idempotencyKey == null
            ? "resend:" + UUID.randomUUID()
            : "resend:" + originalId + ":" + idempotencyKey;
    return messages
        .find(originalId)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("message", originalId))
        .chain(
            original -> {
              if (scope != null && !scope.equals(original.merchantId())) {
                throw ProblemException.notFound("message", originalId);
              }
              if (original.kind() != Kind.RECEIPT) {
                throw ProblemException.conflict(
                    "not-resendable",
                    "Only receipts are resent; an activation code is issued anew by terminal-svc");
              }
              requireLanguage(language);
              return messages
                  .receiptFacts(originalId)
                  .chain(
                      facts ->
                          Panache.withTransaction(
                              () -> resend(original, facts, phoneNumber, language, key)));
            })
        .chain(ignored -> messages.findByIdempotencyKey(key));
  }

  private Uni<Boolean> resend(
      Message original, String facts, String phoneNumber, String language, String key) {
    Receipt stored = read(facts);
    return Panache.getSession()
        .chain(session -> session.find(MerchantProjection.class, original.merchantId()))
        .chain(
            projection ->
                settings(original.merchantId())
                    .chain(
                        settings ->
                            settlementDate(original.transactionId(), stored.settlementDate())
                                .map(
                                    settled -> {
                                      MessageMerchant merchant =
                                          MessageMerchant.of(
                                              original.merchantId(), projection, settings);
                                      Receipt receipt = stored.withSettlementDate(settled);
                                      Composed composed =
                                          receiptMessage(
                                              key,
                                              merchant,
                                              receipt,
                                              original.transactionId(),
                                              phoneNumber == null
                                                  ? original.recipient()
                                                  : phoneNumber,
                                              language == null ? original.language() : language,
                                              original.id());
                                      if (composed.refusal() != null) {
                                        throw ProblemException.badRequest(
                                            "invalid-phone-number",
                                            "phoneNumber " + composed.refusal().message());
                                      }
                                      return composed;
                                    })))
        .chain(composed -> messages.insert(composed.message()));
  }

  /**
   * @throws ProblemException 400 {@code unsupported-language} for a language without templates
   */
  public static void requireLanguage(String language) {
    if (language != null && !ReceiptRenderer.LANGUAGES.containsKey(language)) {
      throw ProblemException.badRequest(
          "unsupported-language",
          "language must be one of "
              + ReceiptRenderer.LANGUAGES.keySet().stream().sorted().toList());
    }
  }

  /**
   * Messages for a batch of activation codes, in the caller's transaction (the batch inbox's): the
   * merchants read in one statement, all messages written in one.
   *
   * @throws PoisonMessageException (or fails with it) for a malformed request
   */
  public Uni<Void> queueActivationCodes(
      SqlConnection transaction, List<Requested<ActivationCodeIssuedEvent>> requests) {
    Set<UUID> merchantIds = new HashSet<>();
    for (Requested<ActivationCodeIssuedEvent> request : requests) {
      checkActivationRequest(request.eventId(), request.event());
      merchantIds.add(request.event().merchantId());
    }
    return messages
        .merchants(transaction, merchantIds)
        .map(
            merchants -> {
              List<NewMessage> batch = new ArrayList<>(requests.size());
              for (Requested<ActivationCodeIssuedEvent> request : requests) {
                batch.add(
                    activationMessage(
                        request.eventId(),
                        request.event(),
                        merchants.get(request.event().merchantId())));
              }
              return batch;
            })
        .chain(batch -> messages.insertAll(transaction, batch));
  }

  private static void checkActivationRequest(String eventId, ActivationCodeIssuedEvent event) {
    if (event.merchantId() == null
        || blank(event.terminalId())
        || event.email() == null
        || event.expiresAt() == null
        || event.activationCode() == null
        || !event.activationCode().matches("[A-Za-z0-9-]{4,32}")) {
      throw new PoisonMessageException(
          "ActivationCodeIssued "
              + eventId
              + " lacks merchantId, terminalId, email, expiresAt or a well-formed activationCode");
    }
  }

  private NewMessage activationMessage(
      String eventId, ActivationCodeIssuedEvent event, MessageMerchant merchant) {
    String language = language(event.language(), merchant);
    ActivationEmail.Rendered email =
        activationEmail.render(
            event.terminalId(),
            event.activationCode(),
            event.expiresAt(),
            zone(merchant),
            language);
    String address = EmailAddresses.normalise(event.email());
    return new NewMessage(
        UUID.randomUUID(),
        "activation:" + eventId,
        event.merchantId(),
        Kind.ACTIVATION_CODE,
        Channel.EMAIL,
        null,
        event.terminalId(),
        address == null ? printable(event.email()) : address,
        config.emailFrom(),
        language,
        email.subject(),
        address == null ? "" : email.body(),
        null,
        null,
        1,
        address == null ? Status.REJECTED : Status.QUEUED,
        address == null
            ? "email is not an address we send to: one mailbox, a domain,"
                + " no spaces, quotes or line breaks"
            : null,
        null,
        Instant.now().plus(EMAIL_VALIDITY));
  }

  // ------------------------------------------------------------------ composing receipts

  private record Composed(NewMessage message, PhoneNumbers.Refusal refusal) {}

  private Composed receiptMessage(
      String key,
      MessageMerchant merchant,
      Receipt receipt,
      UUID transactionId,
      String phoneNumber,
      String language,
      UUID resendOf) {
    SmsText text = receipts.render(receipt, language);
    Set<String> served = Set.copyOf(merchant.servedCountries());
    PhoneNumbers.Result phone = PhoneNumbers.mobile(phoneNumber, merchant.country(), served);
    NewMessage message =
        new NewMessage(
            UUID.randomUUID(),
            key,
            merchant.merchantId(),
            Kind.RECEIPT,
            Channel.SMS,
            transactionId,
            receipt.terminalId(),
            phone.accepted() ? phone.e164() : printable(phoneNumber),
            merchant.smsSender() == null ? config.defaultSmsSender() : merchant.smsSender(),
            language,
            null,
            text.text(),
            json(receipt),
            text.encoding().name(),
            text.segments(),
            phone.accepted() ? Status.QUEUED : Status.REJECTED,
            phone.accepted() ? null : "phoneNumber " + phone.refusal().message(),
            resendOf,
            Instant.now().plus(config.smsValidity()));
    return new Composed(message, phone.refusal());
  }

  private Receipt receipt(
      ReceiptRequestedEvent event, MessageMerchant merchant, LocalDate settled) {
    Receipt.TransactionType type;
    try {
      type = Receipt.TransactionType.valueOf(event.transactionType());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new PoisonMessageException("unknown transactionType " + event.transactionType());
    }
    return new Receipt(
        merchant.name(),
        event.terminalId(),
        event.transactionAt(),
        zone(merchant),
        event.amount(),
        event.currency(),
        event.maskedCard(),
        event.cardBrand(),
        type,
        event.authCode(),
        event.rrn(),
        settled);
  }

  private static void checkReceiptRequest(String eventId, ReceiptRequestedEvent e) {
    String missing =
        e.merchantId() == null
            ? "merchantId"
            : e.transactionId() == null
                ? "transactionId"
                : blank(e.terminalId())
                    ? "terminalId"
                    : e.phoneNumber() == null
                        ? "phoneNumber"
                        : blank(e.currency())
                            ? "currency"
                            : blank(e.maskedCard())
                                ? "maskedCard"
                                : e.transactionAt() == null ? "transactionAt" : null;
    if (missing != null) {
      throw new PoisonMessageException("ReceiptRequested " + eventId + " lacks " + missing);
    }
    if (e.amount() <= 0) {
      throw new PoisonMessageException("ReceiptRequested " + eventId + ": amount must be positive");
    }
    try {
      Money.of(e.amount(), e.currency());
    } catch (IllegalArgumentException ex) {
      throw new PoisonMessageException(
          "ReceiptRequested " + eventId + ": currency " + e.currency() + " is not ISO 4217");
    }
  }

  private String language(String requested, MessageMerchant merchant) {
    if (requested != null && ReceiptRenderer.LANGUAGES.containsKey(requested)) {
      return requested;
    }
    if (merchant != null && merchant.language() != null) {
      return merchant.language();
    }
    String byCountry =
        merchant == null || merchant.country() == null
            ? null
            : config.languages().get(merchant.country());
    return byCountry != null && ReceiptRenderer.LANGUAGES.containsKey(byCountry) ? byCountry : "en";
  }

  private ZoneId zone(MessageMerchant merchant) {
    return merchant == null || merchant.country() == null
        ? ZoneOffset.UTC
        : config.zones().getOrDefault(merchant.country(), ZoneOffset.UTC);
  }

  private static Uni<MerchantMessaging> settings(UUID merchantId) {
    return Panache.getSession().chain(s -> s.find(MerchantMessaging.class, merchantId));
  }

  /** The settlement date the request carried, else the one settlement-svc announced, else none. */
  private static Uni<LocalDate> settlementDate(UUID transactionId, LocalDate given) {
    if (given != null || transactionId == null) {
      return Uni.createFrom().item(given);
    }
    return Panache.getSession()
        .chain(s -> s.find(TransactionSettlement.class, transactionId))
        .map(settlement -> settlement == null ? null : settlement.getSettlementDate());
  }

  private String json(Receipt receipt) {
    try {
      return mapper.writeValueAsString(receipt);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Receipt read(String facts) {
    try {
      return mapper.readValue(facts, Receipt.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException("stored receipt facts unreadable", e);
    }
  }

  /** What was given, safe to store and show: no control characters, at most 64 characters. */
  private static String printable(String text) {
    String clean = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ").strip();
    return clean.length() > 64 ? clean.substring(0, 64) : clean;
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
