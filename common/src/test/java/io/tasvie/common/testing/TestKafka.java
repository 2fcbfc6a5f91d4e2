package io.tasvie.common.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Talks to the real broker the way another service (or an attacker) would. */
public final class TestKafka {

  private TestKafka() {}

  public static String bootstrapServers() {
    return System.getProperty(
        "kafka.bootstrap.servers",
        System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
  }

  /** Sends a CloudEvent in binary mode (ce_* headers), as the outbox relay does. */
  public static void sendEvent(String topic, String key, String id, String type, String json) {
    send(topic, key, json, cloudEventHeaders(id, type));
  }

  /** The headers of a CloudEvent in binary mode, as the outbox relay writes them. */
  public static Map<String, String> cloudEventHeaders(String id, String type) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("ce_specversion", "1.0");
    headers.put("ce_id", id);
    headers.put("ce_type", type);
    headers.put("ce_source", "tasvie/test");
    headers.put("ce_time", Instant.now().toString());
    headers.put("content-type", "application/json");
    return headers;
  }

  /**
   * Records sent back to back through one producer at {@link Burst#flush()}: those of one key reach
   * the broker as one record batch of one partition, and so a consumer in one poll.
   */
  public static Burst burst() {
    return new Burst();
  }

  public static void send(String topic, String key, String value, Map<String, String> headers) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
      headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
      producer.send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot send to " + topic, e);
    }
  }

  /** Starts reading {@code topic} from its current end: only what is written from now on. */
  public static Tail tail(String topic) {
    return new Tail(topic);
  }

  /** Assigns all of {@code topic}'s partitions to {@code consumer}, each at its end. */
  public static List<TopicPartition> assignAtEnd(KafkaConsumer<?, ?> consumer, String topic) {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    return partitions;
  }

  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  public static final class Burst implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final List<ProducerRecord<String, String>> records = new ArrayList<>();

    private Burst() {
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
      props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      props.put(ProducerConfig.LINGER_MS_CONFIG, "1000"); // held until the flush
      producer = new KafkaProducer<>(props);
    }

    /** A CloudEvent in binary mode (ce_* headers), as the outbox relay sends it. */
    public Burst event(String topic, String key, String eventId, String type, String body) {
      return record(topic, key, body, cloudEventHeaders(eventId, type));
    }

    public Burst record(String topic, String key, String value, Map<String, String> headers) {
      ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
      headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
      records.add(record);
      return this;
    }

    /** Sends what was added since the last flush, back to back, and waits until all are sent. */
    public void flush() {
      List<Future<RecordMetadata>> sent = new ArrayList<>();
      records.forEach(record -> sent.add(producer.send(record)));
      records.clear();
      producer.flush();
      try {
        for (Future<RecordMetadata> future : sent) {
          future.get();
        }
      } catch (Exception e) {
        throw new IllegalStateException("cannot send a burst", e);
      }
    }

    @Override
    public void close() {
      producer.close();
    }
  }

  public static final class Tail implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private Tail(String topic) {
      Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
      props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-tail-" + UUID.randomUUID());
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      consumer = new KafkaConsumer<>(props);
      List<TopicPartition> partitions = assignAtEnd(consumer, topic);
      partitions.forEach(consumer::position); // resolve the end offsets now, before the action
    }

    /** Waits for a record that matches, or fails after {@code timeout}. */
    public ConsumerRecord<String, String> await(
        Predicate<ConsumerRecord<String, String>> matches, Duration timeout) {
      for (long polls = timeout.dividedBy(POLL); polls > 0; polls--) {
        consumer.poll(POLL).forEach(seen::add);
        for (ConsumerRecord<String, String> record : seen) {
          if (matches.test(record)) {
            return record;
          }
        }
      }
      throw new AssertionError("no matching record within " + timeout + "; saw " + seen.size());
    }

    /** Everything read so far, after polling for {@code quiet} more. */
    public List<ConsumerRecord<String, String>> drain(Duration quiet) {
      for (long polls = quiet.dividedBy(POLL); polls > 0; polls--) {
        consumer.poll(POLL).forEach(seen::add);
      }
      return List.copyOf(seen);
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
