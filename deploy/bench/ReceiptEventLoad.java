import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes ReceiptRequested events (CloudEvents binary headers, as the outbox relay writes them)
 * for notify-svc's SMS benchmark: {@code count} receipts of {@code merchant}, each to its own
 * number {@code prefix} + six digits. Args: bootstrap merchant count prefix.
 */
public class ReceiptEventLoad {
  public static void main(String[] args) throws Exception {
    String merchant = args[1];
    long count = Long.parseLong(args[2]);
    String prefix = args[3];
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    String now = Instant.now().toString();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      System.out.println(System.currentTimeMillis()); // the first send: this JVM's start is no load
      for (long i = 0; i < count; i++) {
        String transaction = UUID.randomUUID().toString();
        String json =
            "{\"merchantId\":\"" + merchant + "\",\"transactionId\":\"" + transaction
                + "\",\"terminalId\":\"TM000016\",\"phoneNumber\":\"+" + prefix
                + String.format("%06d", i) + "\",\"language\":\"en\",\"transactionType\":"
                + "\"PURCHASE\",\"amount\":" + (100 + i % 9_000) + ",\"currency\":\"EUR\","
                + "\"maskedCard\":\"400609******0007\",\"cardBrand\":\"VISA\",\"authCode\":"
                + "\"012345\",\"rrn\":\"257991144702\",\"transactionAt\":\"" + now
                + "\",\"occurredAt\":\"" + now + "\"}";
        ProducerRecord<String, String> record = new ProducerRecord<>("receipts", transaction, json);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", "ReceiptRequested");
        header(record, "ce_source", "bench");
        header(record, "ce_time", now);
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
