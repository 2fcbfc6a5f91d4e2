package io.tasvie.settlement.batch.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tasvie.common.schedule.PeriodicJob;
import io.tasvie.common.testing.Database;
import io.tasvie.common.testing.OnVertx;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Closing drains everything that is due, a transaction of {@code limit} batches at a time: each
 * step answers how many it closed, so the drain goes on while steps are full. (The periodic closer
 * is slowed down here so that this test drives closing alone.)
 */
@QuarkusTest
@TestProfile(BatchCloseTest.NoTimer.class)
class BatchCloseTest {

  public static class NoTimer implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("tasvie.settlement.close-interval", "PT1H");
    }
  }

  @Inject BatchService batches;
  @Inject Vertx vertx;
  @Inject Database database;

  @Test
  void aDrainClosesEveryDueBatchAndEachStepCountsWhatItClosed() throws Exception {
    UUID merchantId = UUID.randomUUID();
    database.update(
        "insert into settlement_batch (id, merchant_id, currency, settlement_date,"
            + " settlement_number, status, closes_at, created_at)"
            + " select gen_random_uuid(), ?, 'IRR', date '2090-01-01' + g, 'CLOSE-' || gen_random_uuid(),"
            + " 'OPEN', now() - interval '1 minute', now() from generate_series(1, 250) g",
        merchantId);

    assertEquals(100, OnVertx.await(vertx, () -> batches.closeDue(100)));
    int drained = OnVertx.await(vertx, () -> PeriodicJob.drain(100, () -> batches.closeDue(100)));
    assertTrue(drained >= 150, "drained " + drained);
    assertEquals(
        250,
        database.count(
            "select count(*) from settlement_batch where merchant_id = ? and status = 'CLOSED'",
            merchantId));
  }
}
