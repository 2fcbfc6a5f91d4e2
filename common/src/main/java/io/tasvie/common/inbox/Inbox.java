package io.tasvie.common.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.tasvie.common.problem.Unavailability;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The one way a service consumes an event: the event id is recorded in the same transaction as the
 * side effect, so a redelivered event is skipped. A transient failure (database down, a lost race)
 * is retried a bounded number of times; a message that cannot be parsed, fails for good, or still
 * fails after the retries is nacked and so goes to the channel's dead-letter topic instead of
 * stalling its partition.
 */
@ApplicationScoped
public class Inbox {

  private static final Logger LOG = Logger.getLogger(Inbox.class);

  @ConfigMapping(prefix = "tasvie.inbox")
  public interface InboxConfig {
    /** Retries of a failing side effect before the message is dead-lettered. */
    @WithDefault("3")
    int retries();

    @WithDefault("200ms")
    Duration initialBackoff();
  }

  private final ObjectMapper mapper;
  private final InboxConfig config;
  private final MeterRegistry registry;

  public Inbox(ObjectMapper mapper, InboxConfig config, MeterRegistry registry) {
    this.mapper = mapper;
    this.config = config;
    this.registry = registry;
  }

  /**
   * Runs {@code handler} once per event id for {@code consumer}, acknowledging or nacking the
   * message. Use from an {@code @Incoming} method that takes a {@code Message<String>}.
   */
  public Uni<Void> consume(
      Message<String> message, String consumer, Function<IncomingEvent, Uni<Void>> handler) {
    IncomingEvent event;
    try {
      event = IncomingEvent.from(message, mapper);
    } catch (PoisonMessageException e) {
      return reject(message, consumer, e);
    }
    return Uni.createFrom()
        .deferred(
            () ->
                Panache.withTransaction(
                    () ->
                        firstTime(consumer, event)
                            .chain(first -> first ? handler.apply(event) : skip(consumer, event))))
        .onFailure(Unavailability::isTransient)
        .retry()
        .withBackOff(config.initialBackoff())
        .atMost(config.retries())
        .onItemOrFailure()
        .transformToUni(
            (done, failure) ->
                failure == null
                    ? Uni.createFrom().completionStage(message.ack())
                    : reject(message, consumer, failure));
  }

  private Uni<Boolean> firstTime(String consumer, IncomingEvent event) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into inbox_event (consumer, event_id, event_type) values (?1, ?2,"
                            + " ?3) on conflict do nothing")
                    .setParameter(1, consumer)
                    .setParameter(2, event.id())
                    .setParameter(3, event.type())
                    .executeUpdate())
        .map(inserted -> inserted == 1);
  }

  private Uni<Void> skip(String consumer, IncomingEvent event) {
    LOG.debugf("%s already processed event %s", consumer, event.id());
    registry.counter("tasvie.inbox.duplicates", "consumer", consumer).increment();
    return Uni.createFrom().voidItem();
  }

  private Uni<Void> reject(Message<String> message, String consumer, Throwable failure) {
    LOG.warnf("%s dead-letters a message: %s", consumer, failure.toString());
    registry.counter("tasvie.inbox.dead_lettered", "consumer", consumer).increment();
    return Uni.createFrom().completionStage(message.nack(failure));
  }
}
