package io.tasvie.notify.message.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.notify.message.Message;
import io.tasvie.notify.message.Message.Channel;
import io.tasvie.notify.message.Message.Kind;
import io.tasvie.notify.message.Message.Status;
import io.tasvie.notify.message.MessageMerchant;
import io.tasvie.notify.message.MessagePart;
import io.tasvie.notify.message.NewMessage;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Messages as rows: written in the caller's transaction, read for the API. */
@ApplicationScoped
public class MessageRepository {

  static final String COLUMNS =
      "id, merchant_id, kind, channel, transaction_id, terminal_id, recipient, sender, language,"
          + " subject, body, encoding, segments, status, attempts, next_attempt_at, provider_id,"
          + " last_error, resend_of, created_at, sending_since, submitted_at, delivered_at,"
          + " failed_at";

  private final Pool pool;

  public MessageRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Writes the message unless one with its idempotency key exists; must run in a Hibernate Reactive
   * transaction (the inbox's, so that the event and its message commit together).
   *
   * @return whether it was written
   */
  public Uni<Boolean> insert(NewMessage m) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into message (id, idempotency_key, merchant_id, kind, channel,"
                            + " transaction_id, terminal_id, recipient, sender, language, subject,"
                            + " body, encoding, segments, status, last_error, resend_of,"
                            + " expires_at, failed_at, receipt) values (?1, ?2, ?3, ?4, ?5,"
                            + " cast(?6 as uuid), ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                            + " cast(?17 as uuid), ?18, case when ?15 = 'REJECTED' then now() end,"
                            + " cast(cast(?19 as text) as jsonb)) on conflict (idempotency_key) do"
                            + " nothing")
                    .setParameter(1, m.id())
                    .setParameter(2, m.idempotencyKey())
                    .setParameter(3, m.merchantId())
                    .setParameter(4, m.kind().name())
                    .setParameter(5, m.channel().name())
                    .setParameter(
                        6, m.transactionId() == null ? null : m.transactionId().toString())
                    .setParameter(7, m.terminalId())
                    .setParameter(8, m.recipient())
                    .setParameter(9, m.sender())
                    .setParameter(10, m.language())
                    .setParameter(11, m.subject())
                    .setParameter(12, m.body())
                    .setParameter(13, m.encoding())
                    .setParameter(14, m.segments())
                    .setParameter(15, m.status().name())
                    .setParameter(16, m.lastError())
                    .setParameter(17, m.resendOf() == null ? null : m.resendOf().toString())
                    .setParameter(18, OffsetDateTime.ofInstant(m.expiresAt(), ZoneOffset.UTC))
                    .setParameter(19, m.receiptJson())
                    .executeUpdate())
        .map(inserted -> inserted == 1);
  }

  /**
   * Writes the messages in one statement, each unless one with its idempotency key exists; in the
   * caller's transaction (the batch inbox's, so that the events and their messages commit
   * together).
   */
  public Uni<Void> insertAll(SqlConnection transaction, List<NewMessage> batch) {
    if (batch.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    int n = batch.size();
    UUID[] ids = new UUID[n];
    String[] keys = new String[n];
    UUID[] merchants = new UUID[n];
    String[] kinds = new String[n];
    String[] channels = new String[n];
    UUID[] transactions = new UUID[n];
    String[] terminals = new String[n];
    String[] recipients = new String[n];
    String[] senders = new String[n];
    String[] languages = new String[n];
    String[] subjects = new String[n];
    String[] bodies = new String[n];
    String[] encodings = new String[n];
    Integer[] segments = new Integer[n];
    String[] statuses = new String[n];
    String[] errors = new String[n];
    UUID[] resendOf = new UUID[n];
    OffsetDateTime[] expiries = new OffsetDateTime[n];
    String[] receipts = new String[n];
    for (int i = 0; i < n; i++) {
      NewMessage m = batch.get(i);
      ids[i] = m.id();
      keys[i] = m.idempotencyKey();
      merchants[i] = m.merchantId();
      kinds[i] = m.kind().name();
      channels[i] = m.channel().name();
      transactions[i] = m.transactionId();
      terminals[i] = m.terminalId();
      recipients[i] = m.recipient();
      senders[i] = m.sender();
      languages[i] = m.language();
      subjects[i] = m.subject();
      bodies[i] = m.body();
      encodings[i] = m.encoding();
      segments[i] = m.segments();
      statuses[i] = m.status().name();
      errors[i] = m.lastError();
      resendOf[i] = m.resendOf();
      expiries[i] = OffsetDateTime.ofInstant(m.expiresAt(), ZoneOffset.UTC);
      receipts[i] = m.receiptJson();
    }
    return transaction
        .preparedQuery(
            "insert into message (id, idempotency_key, merchant_id, kind, channel,"
                + " transaction_id, terminal_id, recipient, sender, language, subject, body,"
                + " encoding, segments, status, last_error, resend_of, expires_at, failed_at,"
                + " receipt)"
                + " select id, key, merchant, kind, channel, tx, terminal, recipient, sender,"
                + " language, subject, body, encoding, segments, status, error, resend_of,"
                + " expires_at, case when status = 'REJECTED' then now() end, receipt::jsonb"
                + " from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[],"
                + " $6::uuid[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],"
                + " $12::text[], $13::text[], $14::int[], $15::text[], $16::text[], $17::uuid[],"
                + " $18::timestamptz[], $19::text[]) as m(id, key, merchant, kind, channel, tx,"
                + " terminal, recipient, sender, language, subject, body, encoding, segments,"
                + " status, error, resend_of, expires_at, receipt)"
                + " on conflict (idempotency_key) do nothing")
        .execute(
            Tuple.tuple()
                .addArrayOfUUID(ids)
                .addArrayOfString(keys)
                .addArrayOfUUID(merchants)
                .addArrayOfString(kinds)
                .addArrayOfString(channels)
                .addArrayOfUUID(transactions)
                .addArrayOfString(terminals)
                .addArrayOfString(recipients)
                .addArrayOfString(senders)
                .addArrayOfString(languages)
                .addArrayOfString(subjects)
                .addArrayOfString(bodies)
                .addArrayOfString(encodings)
                .addArrayOfInteger(segments)
                .addArrayOfString(statuses)
                .addArrayOfString(errors)
                .addArrayOfUUID(resendOf)
                .addArrayOfOffsetDateTime(expiries)
                .addArrayOfString(receipts))
        .replaceWithVoid();
  }

  /**
   * What composing messages needs of these merchants, each present in the answer (unknown to the
   * projection: {@link MessageMerchant#known()} false).
   */
  public Uni<Map<UUID, MessageMerchant>> merchants(
      SqlConnection transaction, Collection<UUID> merchantIds) {
    if (merchantIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return transaction
        .preparedQuery(
            "select m.id, p.name, p.country, s.language, s.sms_sender, s.served_countries"
                + " from unnest($1::uuid[]) as m(id)"
                + " left join merchant_projection p on p.merchant_id = m.id"
                + " left join merchant_messaging s on s.merchant_id = m.id")
        .execute(Tuple.tuple().addArrayOfUUID(merchantIds.toArray(UUID[]::new)))
        .map(
            rows -> {
              Map<UUID, MessageMerchant> merchants = new HashMap<>();
              for (Row row : rows) {
                String[] served = row.getArrayOfStrings("served_countries");
                merchants.put(
                    row.getUUID("id"),
                    new MessageMerchant(
                        row.getUUID("id"),
                        row.getString("name"),
                        row.getString("country"),
                        row.getString("language"),
                        row.getString("sms_sender"),
                        served == null ? List.of() : List.of(served)));
              }
              return merchants;
            });
  }

  public Uni<Message> find(UUID id) {
    return pool.preparedQuery("select " + COLUMNS + " from message where id = $1")
        .execute(Tuple.of(id))
        .map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next()) : null);
  }

  /** The receipt facts a receipt message was rendered from (JSON), or null. */
  public Uni<String> receiptFacts(UUID id) {
    return pool.preparedQuery("select receipt::text as receipt from message where id = $1")
        .execute(Tuple.of(id))
        .map(
            rows -> rows.iterator().hasNext() ? rows.iterator().next().getString("receipt") : null);
  }

  public Uni<Message> findByIdempotencyKey(String key) {
    return pool.preparedQuery("select " + COLUMNS + " from message where idempotency_key = $1")
        .execute(Tuple.of(key))
        .map(rows -> rows.iterator().hasNext() ? read(rows.iterator().next()) : null);
  }

  /** Newest first; every filter optional ({@code merchantId} null: every merchant's). */
  public Uni<List<Message>> list(
      UUID merchantId, UUID transactionId, String recipient, Status status, int page, int size) {
    return pool.preparedQuery(
            "select "
                + COLUMNS
                + " from message where ($1::uuid is null or merchant_id = $1)"
                + " and ($2::uuid is null or transaction_id = $2)"
                + " and ($3::text is null or recipient = $3)"
                + " and ($4::text is null or status = $4)"
                + " order by created_at desc, id limit $5 offset $6")
        .execute(
            Tuple.from(
                java.util.Arrays.asList(
                    merchantId,
                    transactionId,
                    recipient,
                    status == null ? null : status.name(),
                    size,
                    page * size)))
        .map(
            rows -> {
              List<Message> messages = new ArrayList<>();
              rows.forEach(row -> messages.add(read(row)));
              return messages;
            });
  }

  /**
   * The parts of these messages, in order, each with its outcome: a part the SMSC took is as its
   * final delivery receipt says (an interim one such as ENROUTE does not count).
   */
  public Uni<Map<UUID, List<MessagePart>>> parts(Collection<UUID> messageIds) {
    if (messageIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return pool.preparedQuery(
            "select p.message_id, p.part, p.provider_id,"
                + " case when p.status <> 'SUBMITTED' then p.status"
                + "   when r.state = 'DELIVRD' then 'DELIVERED'"
                + "   when r.state = 'EXPIRED' then 'EXPIRED'"
                + "   when r.state in ('UNDELIV', 'REJECTD', 'DELETED', 'UNKNOWN') then 'FAILED'"
                + "   else 'SUBMITTED' end as status,"
                + " coalesce(p.error, case when r.state not in ('DELIVRD', 'ACCEPTD', 'ENROUTE')"
                + "   then 'delivery receipt ' || r.state || coalesce(' (err ' || r.error || ')',"
                + "   '') end) as error"
                + " from message_part p left join lateral (select state, error"
                + "   from delivery_receipt d where d.message_id = p.message_id"
                + "   and d.provider_id = p.provider_id"
                + "   order by d.state in ('ACCEPTD', 'ENROUTE'), d.received_at desc limit 1) r"
                + " on true where p.message_id = any($1) order by p.message_id, p.part")
        .execute(Tuple.of(messageIds.toArray(UUID[]::new)))
        .map(
            rows -> {
              Map<UUID, List<MessagePart>> parts = new HashMap<>();
              for (Row row : rows) {
                MessagePart part =
                    new MessagePart(
                        row.getUUID("message_id"),
                        row.getInteger("part"),
                        row.getString("provider_id"),
                        row.getString("status"),
                        row.getString("error"));
                parts.computeIfAbsent(part.messageId(), id -> new ArrayList<>()).add(part);
              }
              return parts;
            });
  }

  static Message read(Row row) {
    return new Message(
        row.getUUID("id"),
        row.getUUID("merchant_id"),
        Kind.valueOf(row.getString("kind")),
        Channel.valueOf(row.getString("channel")),
        row.getUUID("transaction_id"),
        row.getString("terminal_id"),
        row.getString("recipient"),
        row.getString("sender"),
        row.getString("language"),
        row.getString("subject"),
        row.getString("body"),
        row.getString("encoding"),
        row.getInteger("segments"),
        Status.valueOf(row.getString("status")),
        row.getInteger("attempts"),
        instant(row, "next_attempt_at"),
        row.getString("provider_id"),
        row.getString("last_error"),
        row.getUUID("resend_of"),
        instant(row, "created_at"),
        instant(row, "sending_since"),
        instant(row, "submitted_at"),
        instant(row, "delivered_at"),
        instant(row, "failed_at"));
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }
}
