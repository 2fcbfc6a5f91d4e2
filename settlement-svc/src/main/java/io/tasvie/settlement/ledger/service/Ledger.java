package io.tasvie.settlement.ledger.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.sql.MultiRow;
import io.tasvie.settlement.ledger.Entry;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Writes postings to the double-entry ledger, in the caller's transaction. */
@ApplicationScoped
public class Ledger {

  /** One posting's entries; {@code name} as for {@link #post(String, UUID, UUID, String, List)}. */
  public record Posting(
      String name, UUID batchId, UUID merchantId, String currency, List<Entry> entries) {}

  /** Writes the entries of all the postings in one statement, in a reactive-client transaction. */
  public Uni<Void> post(SqlConnection transaction, List<Posting> postings) {
    int size = postings.stream().mapToInt(posting -> posting.entries().size()).sum();
    String[] names = new String[size];
    UUID[] batches = new UUID[size];
    UUID[] merchants = new UUID[size];
    String[] accounts = new String[size];
    String[] currencies = new String[size];
    Long[] debits = new Long[size];
    Long[] credits = new Long[size];
    int i = 0;
    for (Posting posting : postings) {
      for (Entry entry : posting.entries()) {
        names[i] = posting.name();
        batches[i] = posting.batchId();
        merchants[i] = posting.merchantId();
        accounts[i] = entry.account().name();
        currencies[i] = posting.currency();
        debits[i] = entry.debit();
        credits[i++] = entry.credit();
      }
    }
    return transaction
        .preparedQuery(
            "insert into ledger_entry (posting, batch_id, merchant_id, account, currency, debit,"
                + " credit, created_at) select p, b, m, a, c, d, cr, $8 from unnest($1::text[],"
                + " $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])"
                + " with ordinality as e(p, b, m, a, c, d, cr, n) order by n")
        .execute(
            Tuple.from(List.of(names, batches, merchants, accounts, currencies, debits, credits))
                .addOffsetDateTime(OffsetDateTime.now(ZoneOffset.UTC)))
        .replaceWithVoid();
  }

  /**
   * Writes one posting's entries in one statement. {@code posting} names what it records ({@code
   * CAPTURE:<payment>}, {@code REFUND:<refund>}, {@code PAYOUT:<batch>}).
   */
  public Uni<Void> post(
      String posting, UUID batchId, UUID merchantId, String currency, List<Entry> entries) {
    return Panache.getSession()
        .chain(session -> post(session, posting, batchId, merchantId, currency, entries));
  }

  private static Uni<Void> post(
      Mutiny.Session session,
      String posting,
      UUID batchId,
      UUID merchantId,
      String currency,
      List<Entry> entries) {
    var query =
        session.createNativeQuery(
            "insert into ledger_entry (posting, batch_id, merchant_id, account, currency, debit,"
                + " credit, created_at) values "
                + MultiRow.values(entries.size(), "?", "?", "?", "?", "?", "?", "?", "?"));
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      int p = i * 8;
      query
          .setParameter(p + 1, posting)
          .setParameter(p + 2, batchId)
          .setParameter(p + 3, merchantId)
          .setParameter(p + 4, entry.account().name())
          .setParameter(p + 5, currency)
          .setParameter(p + 6, entry.debit())
          .setParameter(p + 7, entry.credit())
          .setParameter(p + 8, now);
    }
    return query.executeUpdate().replaceWithVoid();
  }
}
