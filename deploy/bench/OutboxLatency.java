import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its current end and reports, per event, the time from the outbox row's commit
 * (its ce_time, clock_timestamp() at insert in a one-statement transaction) to its consumption here.
 * Args: bootstrap topic expected-count idle-seconds. Prints "ready" once positioned.
 */
public class OutboxLatency {
  public static void main(String[] args) {
    String topic = args[1];
    long expected = Long.parseLong(args[2]);
    Duration idle = Duration.ofSeconds(Long.parseLong(args[3]));
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + System.nanoTime());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<Double> latencies = new ArrayList<>();
    Instant first = null;
    Instant last = null;
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      System.out.println("ready");
      System.out.flush();
      Instant lastSeen = Instant.now();
      while (latencies.size() < expected
          && Duration.between(lastSeen, Instant.now()).compareTo(idle) < 0) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
          Instant now = Instant.now();
          Header time = record.headers().lastHeader("ce_time");
          Instant committed = Instant.parse(new String(time.value(), StandardCharsets.UTF_8));
          latencies.add(Duration.between(committed, now).toNanos() / 1e6);
          first = first == null ? committed : first;
          last = now;
          lastSeen = now;
        }
      }
    }
    Collections.sort(latencies);
    int n = latencies.size();
    if (n == 0) {
      System.out.println("no events consumed");
      System.exit(1);
    }
    double seconds = Duration.between(first, last).toNanos() / 1e9;
    System.out.printf(
        "events %d of %d, %.0f events/s; commit-to-consume ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
        n, expected, n / seconds, pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
        pct(latencies, 99.9), latencies.get(n - 1));
  }

  private static double pct(List<Double> sorted, double p) {
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100 * sorted.size()) - 1));
  }
}
