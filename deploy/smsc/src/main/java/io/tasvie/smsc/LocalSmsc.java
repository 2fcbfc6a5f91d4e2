package io.tasvie.smsc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;

/**
 * A local SMSC: an SMPP 3.4 server that accepts transceiver (and transmitter/receiver) binds,
 * accepts {@code submit_sm}, answers delivery receipts as {@code deliver_sm} and keeps every submit
 * so that tests can read what was sent. It can be told to throttle ({@code ESME_RTHROTTLED}) or
 * fail the next submits, to refuse submits above a rate, to report some destinations undeliverable,
 * to refuse one part of a concatenated message, to send one receipt per concatenated message (as
 * some SMSCs do) and to drop its sessions. Receipts for a system id that is not bound wait until it
 * binds again, as an SMSC's store-and-forward does.
 */
public final class LocalSmsc implements AutoCloseable {

  /** What the SMSC accepts and how it answers. */
  public record Config(int port, String systemId, String password, Duration receiptDelay) {}

  /** One submit_sm as received, its text decoded from its data coding. */
  public record Submit(
      String messageId,
      String systemId,
      String source,
      String destination,
      int dataCoding,
      String text,
      int sarReference,
      int sarPart,
      int sarParts,
      boolean receiptRequested,
      Instant receivedAt) {}

  /**
   * Which part of a concatenated message gets a delivery receipt: every part (the default), or only
   * the first or the last, as SMSCs that report once per message do.
   */
  public enum ReceiptParts {
    EVERY,
    FIRST,
    LAST
  }

  /** A whole message: the parts of one concatenated message put together, or a single submit. */
  public record Message(
      String source, String destination, String text, int dataCoding, List<String> messageIds) {}

  private static final System.Logger LOG = System.getLogger(LocalSmsc.class.getName());

  private final Config config;
  private final SMPPServerSessionListener listener;
  private final ExecutorService binds = Executors.newCachedThreadPool(daemon("smsc-bind"));
  private final ScheduledExecutorService receipts =
      Executors.newScheduledThreadPool(64, daemon("smsc-receipt"));
  private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
  private final Queue<Receipt> waiting = new ConcurrentLinkedQueue<>();
  private final List<Submit> submits = new CopyOnWriteArrayList<>();

  /** Message ids stay unique across restarts, as a real SMSC's do: they start from the clock. */
  private final AtomicLong nextId = new AtomicLong(System.currentTimeMillis() * 1000);

  private final AtomicInteger throttleNext = new AtomicInteger();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicInteger failStatus = new AtomicInteger(SMPPConstant.STAT_ESME_RSYSERR);
  private final AtomicInteger slowNext = new AtomicInteger();
  private volatile Duration slowBy = Duration.ZERO;
  private final Set<String> silent = ConcurrentHashMap.newKeySet();
  private final AtomicLong receiptsAcknowledged = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final Map<String, DeliveryReceiptState> outcomes = new ConcurrentHashMap<>();
  private final Map<String, PartRefusal> refusedParts = new ConcurrentHashMap<>();
  private final Map<String, ReceiptParts> receiptParts = new ConcurrentHashMap<>();
  private final AtomicReference<RateWindow> rate = new AtomicReference<>(new RateWindow(0, 0, 0));
  private final Thread acceptor;
  private volatile boolean running = true;

  /** A receipt owed; it goes back over the session that submitted, or any once that is gone. */
  private record Receipt(
      SMPPServerSession origin, Submit submit, DeliveryReceiptState state, Instant submittedAt) {}

  /** Part {@code part} of the next concatenated message to a destination is refused so. */
  private record PartRefusal(int part, int commandStatus) {}

  /** Key of {@link #receiptParts} that stands for every destination. */
  private static final String ANY_DESTINATION = "*";

  /** Submits accepted in the current second, for the rate limit ({@code perSecond} 0 = none). */
  private record RateWindow(int perSecond, long second, int count) {}

  private LocalSmsc(Config config) throws IOException {
    this.config = config;
    this.listener = new SMPPServerSessionListener(config.port());
    listener.setPduProcessorDegree(16);
    listener.setQueueCapacity(2000);
    this.acceptor = new Thread(this::acceptLoop, "smsc-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static LocalSmsc start(Config config) throws IOException {
    return new LocalSmsc(config);
  }

  public int port() {
    return config.port();
  }

  // ------------------------------------------------------------------ what tests and operators see

  public List<Submit> submits() {
    return List.copyOf(submits);
  }

  /** Submits put together into messages (concatenated parts by their SAR reference), in order. */
  public List<Message> messages() {
    Map<String, List<Submit>> byMessage = new LinkedHashMap<>();
    for (Submit submit : submits) {
      String key =
          submit.sarParts() > 1
              ? submit.systemId()
                  + "|"
                  + submit.source()
                  + "|"
                  + submit.destination()
                  + "|"
                  + submit.sarReference()
              : submit.messageId();
      byMessage.computeIfAbsent(key, k -> new ArrayList<>()).add(submit);
    }
    List<Message> messages = new ArrayList<>();
    for (List<Submit> parts : byMessage.values()) {
      parts.sort((a, b) -> Integer.compare(a.sarPart(), b.sarPart()));
      StringBuilder text = new StringBuilder();
      parts.forEach(part -> text.append(part.text()));
      Submit first = parts.get(0);
      messages.add(
          new Message(
              first.source(),
              first.destination(),
              text.toString(),
              first.dataCoding(),
              parts.stream().map(Submit::messageId).toList()));
    }
    return messages;
  }

  public Map<String, Long> stats() {
    return Map.of(
        "submits", (long) submits.size(),
        "throttled", throttled.get(),
        "receiptsAcknowledged", receiptsAcknowledged.get(),
        "receiptsWaiting", (long) waiting.size(),
        "sessions", sessions.stream().filter(s -> s.getSessionState().isBound()).count());
  }

  // ------------------------------------------------------------------ what tests can make it do

  /** The next {@code count} submits are answered {@code ESME_RTHROTTLED} (0x58). */
  public void throttleNext(int count) {
    throttleNext.set(count);
  }

  /** Submits beyond {@code perSecond} in one second are answered {@code ESME_RTHROTTLED}. */
  public void limitRate(int perSecond) {
    rate.set(new RateWindow(perSecond, 0, 0));
  }

  /** The next {@code count} submits are refused with {@code commandStatus}. */
  public void failNext(int count, int commandStatus) {
    failStatus.set(commandStatus);
    failNext.set(count);
  }

  /**
   * The next {@code count} submits are taken (and delivered) but answered only after {@code by}: a
   * client that gives up sooner cannot know whether they were sent.
   */
  public void answerLate(int count, Duration by) {
    slowBy = by;
    slowNext.set(count);
  }

  /** Messages to {@code destination} are delivered without a delivery receipt. */
  public void noReceiptsFor(String destination) {
    silent.add(destination);
  }

  /** Messages to {@code destination} get a receipt in {@code state} (default DELIVRD). */
  public void reportAs(String destination, DeliveryReceiptState state) {
    outcomes.put(destination, state);
  }

  /**
   * Part {@code part} (from 1) of the next concatenated message to {@code destination} is refused
   * with {@code commandStatus}; the parts before it are taken (and delivered). Once.
   */
  public void refusePart(String destination, int part, int commandStatus) {
    refusedParts.put(destination, new PartRefusal(part, commandStatus));
  }

  /**
   * Concatenated messages to {@code destination} (null: to every destination) get a delivery
   * receipt for {@code which} part only, or for every part ({@link ReceiptParts#EVERY}).
   */
  public void receiptParts(String destination, ReceiptParts which) {
    receiptParts.put(destination == null ? ANY_DESTINATION : destination, which);
  }

  /** Closes every session, as a restart or a network cut would; clients must re-bind. */
  public void dropSessions() {
    sessions.forEach(SMPPServerSession::close);
    sessions.clear();
  }

  /** Forgets what it received and how it was told to behave. */
  public void reset() {
    submits.clear();
    outcomes.clear();
    silent.clear();
    refusedParts.clear();
    receiptParts.clear();
    slowNext.set(0);
    throttleNext.set(0);
    failNext.set(0);
    rate.set(new RateWindow(0, 0, 0));
  }

  @Override
  public void close() {
    running = false;
    dropSessions();
    try {
      listener.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing the listener", e);
    }
    binds.shutdownNow();
    receipts.shutdownNow();
  }

  // ------------------------------------------------------------------ SMPP

  private void acceptLoop() {
    while (running) {
      try {
        SMPPServerSession session = listener.accept();
        session.setMessageReceiverListener(new Receiver());
        binds.execute(() -> bind(session));
      } catch (IOException e) {
        if (running) {
          LOG.log(System.Logger.Level.WARNING, "accept failed: " + e);
        }
      }
    }
  }

  private void bind(SMPPServerSession session) {
    try {
      BindRequest request = session.waitForBind(10_000);
      if (!config.systemId().equals(request.getSystemId())) {
        request.reject(SMPPConstant.STAT_ESME_RINVSYSID);
        return;
      }
      if (!config.password().equals(request.getPassword())) {
        request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
        return;
      }
      session.setEnquireLinkTimer(30_000);
      request.accept("tasvie-smsc", InterfaceVersion.IF_34);
      sessions.add(session);
      session.addSessionStateListener(
          (now, before, source) -> {
            if (!now.isBound()) {
              sessions.remove(session);
            }
          });
      if (request.getBindType() != BindType.BIND_TX) {
        receipts.execute(this::flushWaiting);
      }
    } catch (PDUStringException | java.util.concurrent.TimeoutException | IOException e) {
      LOG.log(System.Logger.Level.INFO, "bind failed: " + e);
      session.close();
    }
  }

  private SubmitSmResult accept(SubmitSm submit, SMPPServerSession source)
      throws ProcessRequestException {
    if (decrementIfPositive(throttleNext) || !withinRate()) {
      throttled.incrementAndGet();
      throw new ProcessRequestException("throttled", SMPPConstant.STAT_ESME_RTHROTTLED);
    }
    if (decrementIfPositive(failNext)) {
      throw new ProcessRequestException("told to fail", failStatus.get());
    }
    String destination = submit.getDestAddress();
    if (destination == null || !destination.matches("\\d{6,15}")) {
      throw new ProcessRequestException("bad destination", SMPPConstant.STAT_ESME_RINVDSTADR);
    }
    int part = sar(submit, OptionalParameter.Tag.SAR_SEGMENT_SEQNUM);
    int parts = Math.max(1, sar(submit, OptionalParameter.Tag.SAR_TOTAL_SEGMENTS));
    PartRefusal refusal = refusedParts.get(destination);
    if (parts > 1
        && refusal != null
        && refusal.part() == part
        && refusedParts.remove(destination, refusal)) {
      throw new ProcessRequestException("told to refuse part " + part, refusal.commandStatus());
    }
    String id = Long.toString(nextId.incrementAndGet());
    Submit received =
        new Submit(
            id,
            config.systemId(),
            submit.getSourceAddr(),
            destination,
            submit.getDataCoding() & 0xFF,
            decode(submit.getShortMessage(), submit.getDataCoding()),
            sar(submit, OptionalParameter.Tag.SAR_MSG_REF_NUM),
            part,
            parts,
            SMSCDeliveryReceipt.SUCCESS_FAILURE.containedIn(submit.getRegisteredDelivery())
                || SMSCDeliveryReceipt.SUCCESS.containedIn(submit.getRegisteredDelivery()),
            Instant.now());
    submits.add(received);
    if (received.receiptRequested() && !silent.contains(destination) && reported(received)) {
      Receipt receipt =
          new Receipt(
              source,
              received,
              outcomes.getOrDefault(destination, DeliveryReceiptState.DELIVRD),
              received.receivedAt());
      receipts.schedule(
          () -> deliver(receipt), config.receiptDelay().toMillis(), TimeUnit.MILLISECONDS);
    }
    if (decrementIfPositive(slowNext)) {
      try {
        Thread.sleep(slowBy.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
    } catch (PDUStringException e) {
      throw new ProcessRequestException("message id", SMPPConstant.STAT_ESME_RSYSERR);
    }
  }

  /** Whether this part gets a receipt of its own: see {@link #receiptParts}. */
  private boolean reported(Submit submit) {
    ReceiptParts which =
        receiptParts.getOrDefault(
            submit.destination(), receiptParts.getOrDefault(ANY_DESTINATION, ReceiptParts.EVERY));
    return switch (which) {
      case EVERY -> true;
      case FIRST -> submit.sarParts() == 1 || submit.sarPart() == 1;
      case LAST -> submit.sarParts() == 1 || submit.sarPart() == submit.sarParts();
    };
  }

  private boolean withinRate() {
    long second = System.currentTimeMillis() / 1000;
    RateWindow next =
        rate.updateAndGet(
            w ->
                w.perSecond() == 0
                    ? w
                    : w.second() == second
                        ? new RateWindow(w.perSecond(), second, w.count() + 1)
                        : new RateWindow(w.perSecond(), second, 1));
    return next.perSecond() == 0 || next.count() <= next.perSecond();
  }

  private static boolean decrementIfPositive(AtomicInteger counter) {
    return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  private static int sar(SubmitSm submit, OptionalParameter.Tag tag) {
    OptionalParameter parameter = submit.getOptionalParameter(tag);
    if (parameter instanceof OptionalParameter.Short value) {
      return value.getValue() & 0xFFFF;
    }
    if (parameter instanceof OptionalParameter.Byte value) {
      return value.getValue() & 0xFF;
    }
    return 0;
  }

  private static String decode(byte[] message, byte dataCoding) {
    if (message == null) {
      return "";
    }
    return switch (dataCoding & 0xFF) {
      case 0x08 -> new String(message, StandardCharsets.UTF_16BE);
      case 0x03 -> new String(message, StandardCharsets.ISO_8859_1);
      case 0x01 -> new String(message, StandardCharsets.US_ASCII);
      default -> Gsm7.decode(message);
    };
  }

  private void deliver(Receipt receipt) {
    SMPPServerSession session =
        receipt.origin().getSessionState().isReceivable()
            ? receipt.origin()
            : sessions.stream()
                .filter(s -> s.getSessionState().isReceivable())
                .findFirst()
                .orElse(null);
    if (session == null) {
      waiting.add(receipt);
      return;
    }
    Submit submit = receipt.submit();
    DeliveryReceipt body =
        new DeliveryReceipt(
            submit.messageId(),
            1,
            receipt.state() == DeliveryReceiptState.DELIVRD ? 1 : 0,
            Date.from(receipt.submittedAt()),
            new Date(),
            receipt.state(),
            receipt.state() == DeliveryReceiptState.DELIVRD ? "000" : "001",
            submit.text());
    try {
      session.deliverShortMessage(
          "",
          TypeOfNumber.INTERNATIONAL,
          NumberingPlanIndicator.ISDN,
          submit.destination(),
          TypeOfNumber.ALPHANUMERIC,
          NumberingPlanIndicator.UNKNOWN,
          submit.source() == null ? "" : submit.source(),
          new ESMClass(
              MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
          (byte) 0,
          (byte) 0,
          new RegisteredDelivery(0),
          DataCodings.ZERO,
          body.toString().getBytes(StandardCharsets.US_ASCII),
          new OptionalParameter.Receipted_message_id(submit.messageId()),
          new OptionalParameter.Message_state((byte) receipt.state().value()));
      receiptsAcknowledged.incrementAndGet();
    } catch (Exception e) {
      // not acknowledged (client gone, refused, timed out): keep it and try again later
      waiting.add(receipt);
      if (running) {
        receipts.schedule(this::flushWaiting, 1, TimeUnit.SECONDS);
      }
    }
  }

  private void flushWaiting() {
    if (sessions.stream().noneMatch(s -> s.getSessionState().isReceivable())) {
      return;
    }
    Collection<Receipt> now = new ArrayList<>();
    for (Receipt receipt; (receipt = waiting.poll()) != null; ) {
      now.add(receipt);
    }
    now.forEach(receipt -> receipts.execute(() -> deliver(receipt)));
  }

  private final class Receiver implements ServerMessageReceiverListener {

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
        throws ProcessRequestException {
      return accept(submitSm, source);
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public void onAcceptCancelBroadcastSm(
        CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(
        QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw unsupported();
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source)
        throws ProcessRequestException {
      throw unsupported();
    }

    private ProcessRequestException unsupported() {
      return new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
