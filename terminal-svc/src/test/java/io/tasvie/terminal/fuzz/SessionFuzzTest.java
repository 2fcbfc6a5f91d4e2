package io.tasvie.terminal.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.tasvie.common.testing.TerminalClient;
import io.tasvie.common.testing.fuzz.FrameFuzz;
import io.tasvie.terminal.testing.Terminals;
import io.tasvie.terminal.testing.Terminals.Active;
import io.tasvie.terminal.testing.Terminals.Merchant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hostile frames of every type on the terminal session (issue #26): every answer is the result or a
 * documented error code (never INTERNAL_ERROR), refused text is INVALID_FIELD, and the session
 * answers a ping after each. Seeded ({@code -Dtasvie.fuzz.seed=}) and bounded by a count of frames.
 */
@QuarkusTest
class SessionFuzzTest {

  private static final String CARD =
      "{\"pan\":\"4006090000000007\",\"expiry\":\"12/30\",\"entryMode\":\"CHIP\"}";

  /** A session that is reopened should the server close it (which the test then reports). */
  private static final class Session implements FrameFuzz.Sessions, AutoCloseable {
    private final Active terminal;
    private TerminalClient client;
    int reopened;

    Session(Active terminal) {
      this.terminal = terminal;
      this.client = terminal.session();
    }

    @Override
    public TerminalClient get() {
      return client;
    }

    @Override
    public void reopen() {
      reopened++;
      client.abort();
      client = terminal.session();
    }

    @Override
    public void close() {
      client.close();
    }
  }

  @Test
  void everyFrameTypeSurvivesHostileFields() throws Exception {
    Merchant merchant = Terminals.merchant("IRR");
    Active softPos = Terminals.softPos(merchant);
    Active till = Terminals.till(merchant, "QR-FZ-" + UUID.randomUUID().toString().substring(0, 8));
    Path readme = Path.of("..", "README.md");
    FrameFuzz fuzz = new FrameFuzz(2026_26L, Files.exists(readme) ? readme : null);
    int extra = Integer.getInteger("tasvie.fuzz.frame-extra", 3);

    try (Session card = new Session(softPos);
        Session wallet = new Session(till)) {
      JsonNode purchase =
          card.get()
              .request(
                  "purchase",
                  Map.of("amount", 120_000, "currency", "IRR", "card", Terminals.json(CARD)));
      assertEquals("APPROVED", purchase.path("status").asText(), purchase::toString);
      String approved = purchase.path("transactionId").asText();
      JsonNode started =
          wallet.get().request("wallet-payment", Map.of("amount", 125_000, "currency", "IRR"));
      String walletPayment = started.path("paymentId").asText(UUID.randomUUID().toString());

      fuzz.fuzzRawFrames(card);
      fuzz.fuzz(card, "ping", "{}", extra);
      fuzz.fuzz(
          card, "purchase", "{\"amount\":1000,\"currency\":\"IRR\",\"card\":" + CARD + "}", extra);
      fuzz.fuzz(card, "cancel", "{\"transactionId\":\"" + UUID.randomUUID() + "\"}", extra);
      fuzz.fuzz(card, "last-transaction", "{}", extra);
      fuzz.fuzz(
          card,
          "refund",
          "{\"originalTransactionId\":\""
              + approved
              + "\",\"amount\":100,\"card\":"
              + CARD
              + ",\"supervisorCode\":\""
              + Terminals.SUPERVISOR_CODE
              + "\"}",
          extra);
      fuzz.fuzz(
          card,
          "history",
          "{\"from\":\"2026-12-01\",\"to\":\"2026-12-07\",\"zone\":\"Asia/Tehran\",\"scope\":\"merchant\","
              + "\"supervisorCode\":\""
              + Terminals.SUPERVISOR_CODE
              + "\"}",
          extra);
      fuzz.fuzz(
          card,
          "receipt-sms",
          "{\"transactionId\":\""
              + approved
              + "\",\"phoneNumber\":\"0912 123 4567\",\"language\":\"fa\"}",
          extra);
      fuzz.fuzz(
          card,
          "pairing-confirm",
          "{\"pairingId\":\"" + UUID.randomUUID() + "\",\"code\":\"123456\"}",
          extra);
      fuzz.fuzz(
          card,
          "topup",
          "{\"operator\":\"MCI\",\"mobileNumber\":\"0912 123 4567\",\"amount\":100000,"
              + "\"chargeType\":\"NORMAL\",\"card\":"
              + CARD
              + "}",
          extra);
      fuzz.fuzz(card, "internet-packages", "{\"operator\":\"MTN\"}", extra);
      fuzz.fuzz(
          card,
          "internet-package",
          "{\"packageId\":\"MTN-1D-2GB\",\"mobileNumber\":\"0935 123 4567\",\"card\":" + CARD + "}",
          extra);
      fuzz.fuzz(
          card, "bill-info", "{\"billId\":\"1117753200140\",\"paymentId\":\"12070160\"}", extra);
      fuzz.fuzz(
          card,
          "bill-payment",
          "{\"billId\":\"1117753200140\",\"paymentId\":\"12070160\",\"card\":" + CARD + "}",
          extra);
      fuzz.fuzz(card, "bill-info", "{\"barcode\":\"11177532001400000012070160\"}", extra);
      fuzz.fuzz(
          wallet,
          "wallet-payment",
          "{\"amount\":1250,\"currency\":\"IRR\",\"orderReference\":\"R-881\",\"cashBack\":0,\"otherTender\":0}",
          extra);
      fuzz.fuzz(wallet, "wallet-cancel", "{\"paymentId\":\"" + walletPayment + "\"}", extra);
      fuzz.fuzz(wallet, "wallet-complete-sale", "{\"paymentId\":\"" + walletPayment + "\"}", extra);
      fuzz.fuzz(
          wallet,
          "wallet-refund",
          "{\"paymentId\":\"" + walletPayment + "\",\"amount\":100}",
          extra);
      fuzz.fuzz(wallet, "last-transaction", "{}", extra);
      System.out.println(fuzz.describe());
      assertTrue(fuzz.clean(), fuzz::describe);
      assertEquals(0, card.reopened + wallet.reopened, "the session was closed by a hostile frame");
    }
  }
}
