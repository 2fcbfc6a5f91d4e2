import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes PaymentCaptured events (CloudEvents binary headers, as the outbox relay writes them) for
 * settlement-svc's ingest benchmark: {@code count} captures spread over the merchants listed in
 * {@code merchants-file} (one UUID per line), captured at {@code at}. Args: bootstrap
 * merchants-file count at. Prints the time of its first send (epoch milliseconds).
 */
public class PaymentEventLoad {
  public static void main(String[] args) throws Exception {
    List<String> merchants = java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[1]));
    long count = Long.parseLong(args[2]);
    String at = Instant.parse(args[3]).toString();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      System.out.println(System.currentTimeMillis()); // the first send: this JVM's start is no load
      for (long i = 0; i < count; i++) {
        String merchant = merchants.get((int) (i % merchants.size()));
        String paymentId = UUID.randomUUID().toString();
        long amount = 10_000 + (i * 7_919) % 5_000_000;
        String json =
            "{\"paymentId\":\"" + paymentId + "\",\"payment\":{\"merchantId\":\"" + merchant
                + "\",\"merchantReference\":\"bench-" + i + "\",\"amount\":" + amount
                + ",\"currency\":\"IRR\",\"channel\":\"" + (i % 3 == 0 ? "SOFTPOS" : "MPOS")
                + "\",\"maskedCard\":\"603799******0007\",\"cardBrand\":\"SHETAB\","
                + "\"authCode\":\"123456\",\"rrn\":\"123456789012\"},\"occurredAt\":\"" + at + "\"}";
        ProducerRecord<String, String> record =
            new ProducerRecord<>("payments", paymentId, json);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", "PaymentCaptured");
        header(record, "ce_source", "bench");
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");
        producer.send(record);
      }
      producer.flush();
    }
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
  }
}
