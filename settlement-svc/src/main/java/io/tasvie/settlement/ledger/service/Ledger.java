package io.tasvie.settlement.ledger.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.sql.MultiRow;
import io.tasvie.settlement.ledger.Entry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/** Writes postings to the double-entry ledger, in the caller's transaction. */
@ApplicationScoped
public class Ledger {

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
