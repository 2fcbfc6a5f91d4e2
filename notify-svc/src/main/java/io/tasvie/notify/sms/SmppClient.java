package io.tasvie.notify.sms;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tasvie.notify.dispatch.DispatchStore.Receipt;
import io.tasvie.notify.dispatch.Outcome;
import io.tasvie.notify.dispatch.Outgoing;
import io.tasvie.notify.dispatch.Sender;
import io.tasvie.notify.message.Message.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.util.InvalidDeliveryReceiptException;

/**
 * notify-svc as an ESME: one bound transceiver session to the SMSC (jSMPP), re-bound with back-off
 * when lost, kept alive by enquire_link. Up to {@code window} submits are in flight at once; a long
 * text goes as concatenated parts (SAR parameters); {@code ESME_RTHROTTLED}/{@code ESME_RMSGQFUL}
 * pause sending with a growing back-off; each sender (source address) is held to a rate. Delivery
 * receipts are committed before they are acknowledged.
 */
@ApplicationScoped
public class SmppClient implements Sender {

  private static final Logger LOG = Logger.getLogger(SmppClient.class);

  /** SMPP 3.4 errors no retry can cure: the message itself is wrong for the SMSC. */
  private static final Set<Integer> PERMANENT =
      Set.of(
          SMPPConstant.STAT_ESME_RINVMSGLEN,
          SMPPConstant.STAT_ESME_RINVPRTFLG,
          SMPPConstant.STAT_ESME_RINVREGDLVFLG,
          SMPPConstant.STAT_ESME_RINVSRCADR,
          SMPPConstant.STAT_ESME_RINVDSTADR,
          SMPPConstant.STAT_ESME_RINVDESTFLAG,
          SMPPConstant.STAT_ESME_RINVSUBREP,
          SMPPConstant.STAT_ESME_RINVESMCLASS,
          SMPPConstant.STAT_ESME_RINVSRCTON,
          SMPPConstant.STAT_ESME_RINVSRCNPI,
          SMPPConstant.STAT_ESME_RINVDSTTON,
          SMPPConstant.STAT_ESME_RINVDSTNPI,
          SMPPConstant.STAT_ESME_RINVSERTYP,
          0xC0, // ESME_RINVOPTPARSTREAM
          0xC1, // ESME_ROPTPARNOTALLWD
          0xC2, // ESME_RINVPARLEN
          0xC4); // ESME_RINVOPTPARAMVAL

  private static final int PART_RETRIES = 10;

  private final SmppConfig config;
  private final ReceiptSink receipts;
  private final SenderRateLimit rateLimit;
  private final ExecutorService window;
  private final ScheduledExecutorService binder =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "smpp-bind"));
  private final AtomicInteger sarReference = new AtomicInteger();
  private volatile SMPPSession session;
  private volatile boolean closing;
  private volatile long pausedUntilNanos;
  private volatile Duration throttleBackoff;
  private Duration rebindDelay;

  public SmppClient(SmppConfig config, ReceiptSink receipts) {
    this.config = config;
    this.receipts = receipts;
    this.rateLimit = new SenderRateLimit(config.ratePerSender());
    AtomicInteger n = new AtomicInteger();
    this.window =
        Executors.newFixedThreadPool(
            config.window(), r -> daemon(r, "smpp-submit-" + n.incrementAndGet()));
    this.throttleBackoff = config.throttleInitial();
    this.rebindDelay = config.rebindInitial();
  }

  void start(@Observes StartupEvent event) {
    binder.execute(this::bind);
  }

  void stop(@Observes ShutdownEvent event) {
    closing = true;
    binder.shutdownNow();
    SMPPSession current = session;
    if (current != null) {
      current.unbindAndClose();
    }
    window.shutdown();
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  /** Bound, and not in a throttling pause. */
  @Override
  public boolean ready() {
    SMPPSession current = session;
    return current != null
        && current.getSessionState().isTransmittable()
        && System.nanoTime() - pausedUntilNanos >= 0;
  }

  public boolean bound() {
    SMPPSession current = session;
    return current != null && current.getSessionState().isBound();
  }

  @Override
  public CompletionStage<Outcome> send(Outgoing message) {
    return CompletableFuture.supplyAsync(() -> submit(message), window);
  }

  // ------------------------------------------------------------------ binding

  private void bind() {
    if (closing) {
      return;
    }
    SMPPSession candidate = new SMPPSession();
    try {
      candidate.setPduProcessorDegree(config.receiveThreads());
      candidate.setQueueCapacity(10_000);
      candidate.setTransactionTimer(config.responseTimeout().toMillis());
      candidate.setEnquireLinkTimer((int) config.enquireLink().toMillis());
      candidate.setMessageReceiverListener(new Receipts());
      candidate.addSessionStateListener(
          (now, before, source) -> {
            if (!now.isBound() && before.isBound() && source == session) {
              lost("session " + now);
            }
          });
      candidate.connectAndBind(
          config.host(),
          config.port(),
          new BindParameter(
              BindType.BIND_TRX,
              config.systemId(),
              config.password(),
              config.systemType().orElse(""),
              TypeOfNumber.UNKNOWN,
              NumberingPlanIndicator.UNKNOWN,
              null),
          config.responseTimeout().toMillis());
      session = candidate;
      rebindDelay = config.rebindInitial();
      LOG.infof(
          "bound to the SMSC at %s:%d as %s", config.host(), config.port(), config.systemId());
    } catch (IOException | RuntimeException e) {
      candidate.close();
      LOG.infof(
          "cannot bind to the SMSC at %s:%d (%s); trying again in %s",
          config.host(), config.port(), e.getMessage(), rebindDelay);
      schedule();
    }
  }

  private void lost(String why) {
    session = null;
    if (!closing) {
      LOG.warnf("SMSC session lost (%s); re-binding", why);
      schedule();
    }
  }

  private void schedule() {
    if (closing) {
      return;
    }
    Duration delay = rebindDelay;
    Duration doubled = rebindDelay.multipliedBy(2);
    rebindDelay = doubled.compareTo(config.rebindMax()) > 0 ? config.rebindMax() : doubled;
    binder.schedule(this::bind, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  // ------------------------------------------------------------------ submitting

  private Outcome submit(Outgoing message) {
    SMPPSession current = session;
    if (current == null || !current.getSessionState().isTransmittable()) {
      return new Outcome.Retry("not bound to the SMSC", true);
    }
    SmsText text = SmsText.of(message.body());
    List<String> parts = text.parts();
    int reference = sarReference.incrementAndGet() & 0xFFFF;
    List<String> accepted = new ArrayList<>();
    for (int part = 0; part < parts.size(); part++) {
      for (int attempt = 1; ; attempt++) {
        try {
          rateLimit.acquire(message.sender());
          accepted.add(submitPart(current, message, text, part, reference));
          throttleBackoff = config.throttleInitial();
          break;
        } catch (NegativeResponseException e) {
          int status = e.getCommandStatus();
          boolean throttled =
              status == SMPPConstant.STAT_ESME_RTHROTTLED
                  || status == SMPPConstant.STAT_ESME_RMSGQFUL;
          String error = "SMSC answered " + statusName(status);
          if (throttled) {
            pause();
            if (part == 0) {
              return new Outcome.Retry(error, true);
            }
            if (attempt < PART_RETRIES) {
              sleep(throttleBackoff);
              continue; // the first parts are out: finish the message rather than resend them
            }
          }
          if (part > 0) {
            return new Outcome.PartlySent(
                accepted,
                parts.size(),
                "part " + (part + 1) + " of " + parts.size() + " refused: " + error);
          }
          return PERMANENT.contains(status)
              ? new Outcome.Failed(error)
              : new Outcome.Retry(error, false);
        } catch (ResponseTimeoutException e) {
          return new Outcome.Unknown(
              "no submit_sm_resp within " + config.responseTimeout(), accepted);
        } catch (IOException | IllegalStateException e) {
          // The PDU may or may not have left before the link broke.
          return new Outcome.Unknown("link lost during submit: " + e.getMessage(), accepted);
        } catch (PDUException | InvalidResponseException e) {
          return part == 0
              ? new Outcome.Failed("cannot be sent over SMPP: " + e.getMessage())
              : new Outcome.Unknown("invalid response: " + e.getMessage(), accepted);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return part == 0
              ? new Outcome.Retry("interrupted", true)
              : new Outcome.Unknown("interrupted", accepted);
        }
      }
    }
    return new Outcome.Submitted(accepted);
  }

  private String submitPart(
      SMPPSession current, Outgoing message, SmsText text, int part, int reference)
      throws PDUException,
          ResponseTimeoutException,
          InvalidResponseException,
          NegativeResponseException,
          IOException {
    List<String> parts = text.parts();
    OptionalParameter[] sar =
        parts.size() == 1
            ? new OptionalParameter[0]
            : new OptionalParameter[] {
              OptionalParameters.newSarMsgRefNum((short) reference),
              OptionalParameters.newSarSegmentSeqnum(part + 1),
              OptionalParameters.newSarTotalSegments(parts.size())
            };
    boolean alphanumeric = !message.sender().matches("\\d+");
    return current
        .submitShortMessage(
            "",
            alphanumeric ? TypeOfNumber.ALPHANUMERIC : TypeOfNumber.INTERNATIONAL,
            alphanumeric ? NumberingPlanIndicator.UNKNOWN : NumberingPlanIndicator.ISDN,
            message.sender(),
            TypeOfNumber.INTERNATIONAL,
            NumberingPlanIndicator.ISDN,
            message.recipient().substring(1), // E.164 without the plus
            new ESMClass(),
            (byte) 0,
            (byte) 1,
            null,
            null,
            new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE),
            (byte) 0,
            DataCodings.newInstance(text.encoding().dataCoding()),
            (byte) 0,
            text.octets(parts.get(part)),
            sar)
        .getMessageId();
  }

  private void pause() {
    Duration wait = throttleBackoff;
    pausedUntilNanos = System.nanoTime() + wait.toNanos();
    Duration doubled = wait.multipliedBy(2);
    throttleBackoff = doubled.compareTo(config.throttleMax()) > 0 ? config.throttleMax() : doubled;
  }

  private static String statusName(int status) {
    return switch (status) {
      case SMPPConstant.STAT_ESME_RTHROTTLED -> "ESME_RTHROTTLED (0x58)";
      case SMPPConstant.STAT_ESME_RMSGQFUL -> "ESME_RMSGQFUL (0x14)";
      case SMPPConstant.STAT_ESME_RSYSERR -> "ESME_RSYSERR (0x08)";
      case SMPPConstant.STAT_ESME_RINVDSTADR -> "ESME_RINVDSTADR (0x0B)";
      case SMPPConstant.STAT_ESME_RINVSRCADR -> "ESME_RINVSRCADR (0x0A)";
      case SMPPConstant.STAT_ESME_RSUBMITFAIL -> "ESME_RSUBMITFAIL (0x45)";
      default -> String.format("command_status 0x%02X", status);
    };
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  // ------------------------------------------------------------------ delivery receipts

  private final class Receipts implements MessageReceiverListener {

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
      if (!MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
        return; // a mobile-originated message: nobody reads those here; acknowledged
      }
      DeliveryReceipt receipt;
      try {
        receipt = deliverSm.getShortMessageAsDeliveryReceipt();
      } catch (InvalidDeliveryReceiptException e) {
        LOG.warnf("unreadable delivery receipt acknowledged and dropped: %s", e.getMessage());
        return;
      }
      OptionalParameter.Receipted_message_id receipted =
          deliverSm.getOptionalParameter(OptionalParameter.Receipted_message_id.class);
      String providerId = receipted != null ? receipted.getValueAsString() : receipt.getId();
      try {
        receipts.save(
            new Receipt(
                providerId,
                receipt.getFinalStatus().name(),
                receipt.getError(),
                deliverSm.getSourceAddr()),
            config.responseTimeout());
      } catch (Exception e) {
        // Not committed: answer a temporary error so that the SMSC delivers the receipt again.
        throw new ProcessRequestException(
            "receipt not saved: " + e.getMessage(), SMPPConstant.STAT_ESME_RX_T_APPN);
      }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {}

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source)
        throws ProcessRequestException {
      throw new ProcessRequestException("data_sm not accepted", SMPPConstant.STAT_ESME_RINVCMDID);
    }
  }
}
