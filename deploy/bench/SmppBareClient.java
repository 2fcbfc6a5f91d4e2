import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;

/**
 * The baseline for deploy/bench-sms: one bare jSMPP client, one transceiver session, WINDOW threads
 * submitting COUNT messages with delivery receipts requested, nothing recorded anywhere. Prints the
 * submit rate and the rate until the last receipt is in.
 *
 * <p>java -cp <jsmpp> SmppBareClient.java HOST PORT COUNT WINDOW PREFIX
 */
public class SmppBareClient {

  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    int window = Integer.parseInt(args[3]);
    String prefix = args[4];
    CountDownLatch receipts = new CountDownLatch(count);
    SMPPSession session = new SMPPSession();
    session.setPduProcessorDegree(window);
    session.setQueueCapacity(10_000);
    session.setTransactionTimer(10_000);
    session.setMessageReceiverListener(
        new MessageReceiverListener() {
          @Override
          public void onAcceptDeliverSm(org.jsmpp.bean.DeliverSm deliverSm) {
            if (MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
              receipts.countDown();
            }
          }

          @Override
          public void onAcceptAlertNotification(org.jsmpp.bean.AlertNotification n) {}

          @Override
          public org.jsmpp.session.DataSmResult onAcceptDataSm(
              org.jsmpp.bean.DataSm dataSm, org.jsmpp.session.Session source) {
            return null;
          }
        });
    session.connectAndBind(
        host,
        port,
        new BindParameter(
            BindType.BIND_TRX, "tasvie", "tasvie", "", TypeOfNumber.UNKNOWN,
            NumberingPlanIndicator.UNKNOWN, null));
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    Thread[] threads = new Thread[window];
    long start = System.nanoTime();
    for (int t = 0; t < window; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int n; (n = next.getAndIncrement()) < count; ) {
                  try {
                    session.submitShortMessage(
                        "", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "Bench",
                        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                        prefix + String.format("%06d", n), new ESMClass(), (byte) 0, (byte) 1,
                        null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
                        (byte) 0, DataCodings.ZERO,
                        (byte) 0, ("Bench receipt " + n).getBytes(StandardCharsets.US_ASCII));
                  } catch (Exception e) {
                    failed.incrementAndGet();
                    receipts.countDown();
                  }
                }
              });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    long submitted = System.nanoTime();
    boolean all = receipts.await(120, TimeUnit.SECONDS);
    long received = System.nanoTime();
    session.unbindAndClose();
    double submitSeconds = (submitted - start) / 1e9;
    double receiptSeconds = (received - start) / 1e9;
    System.out.printf(
        "bare jSMPP client: %d submits (window %d, %d failed) in %.2f s = %.0f submits/s;"
            + " last delivery receipt after %.2f s = %.0f messages/s%s%n",
        count, window, failed.get(), submitSeconds, count / submitSeconds, receiptSeconds,
        count / receiptSeconds, all ? "" : " (receipts missing)");
  }
}
