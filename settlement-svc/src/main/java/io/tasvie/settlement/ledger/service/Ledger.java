package io.tasvie.settlement.ledger.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
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
    StringBuilder sql =
        new StringBuilder(
            "insert into ledger_entry (posting, batch_id, merchant_id, account, currency, debit,"
                + " credit, created_at) values ");
    for (int i = 0; i < entries.size(); i++) {
      int p = 6 + i * 3;
      sql.append(i == 0 ? "" : ", ")
          .append("(?1, ?2, ?3, ?")
          .append(p)
          .append(", ?4, ?")
          .append(p + 1)
          .append(", ?")
          .append(p + 2)
          .append(", ?5)");
    }
    var query =
        session
            .createNativeQuery(sql.toString())
            .setParameter(1, posting)
            .setParameter(2, batchId)
            .setParameter(3, merchantId)
            .setParameter(4, currency)
            .setParameter(5, OffsetDateTime.now(ZoneOffset.UTC));
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      int p = 6 + i * 3;
      query
          .setParameter(p, entry.account().name())
          .setParameter(p + 1, entry.debit())
          .setParameter(p + 2, entry.credit());
    }
    return query.executeUpdate().replaceWithVoid();
  }
}
