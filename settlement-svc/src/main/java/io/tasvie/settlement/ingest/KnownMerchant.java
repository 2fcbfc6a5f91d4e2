package io.tasvie.settlement.ingest;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** What settlement needs of a merchant in this service's projection. */
record KnownMerchant(UUID merchantId, String country, String currency) {

  /** Those of these merchants that the projection has, in one query. */
  static Uni<Map<UUID, KnownMerchant>> find(SqlConnection transaction, Collection<UUID> ids) {
    return transaction
        .preparedQuery(
            "select merchant_id, country, currency from merchant_projection"
                + " where merchant_id = any($1)")
        .execute(Tuple.tuple().addValue(ids.toArray(UUID[]::new)))
        .map(
            rows -> {
              Map<UUID, KnownMerchant> known = new HashMap<>();
              for (Row row : rows) {
                known.put(
                    row.getUUID(0),
                    new KnownMerchant(row.getUUID(0), row.getString(1), row.getString(2)));
              }
              return known;
            });
  }
}
